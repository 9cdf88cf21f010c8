public import RevloopPersonalization

/// The answer to `POST /v1/decisions`:
///
///     {"decision_id": "...", "visitor_id": "...", "blocks": [{"block_id": "...", "expected_reward": 0.12}],
///      "propensity": 0.9, "holdout": false, "policy_version": "..."}
public enum DecisionResponseBody {
    public static func json(_ decision: Decision) -> String {
        var text = #"{"decision_id":"# + JSONText.quoted(decision.decisionID)
        text += #","visitor_id":"# + JSONText.quoted(decision.visitorID)
        text += #","blocks":["#
        for (index, block) in decision.blocks.enumerated() {
            if index > 0 { text += "," }
            text += #"{"block_id":"# + JSONText.quoted(block.blockID)
            text += #","expected_reward":"# + JSONText.number(block.expectedReward) + "}"
        }
        text += #"],"propensity":"# + JSONText.number(decision.propensity)
        text += #","holdout":"# + (decision.isHoldout ? "true" : "false")
        text += #","policy_version":"# + JSONText.quoted(decision.policyVersion) + "}"
        return text
    }
}
