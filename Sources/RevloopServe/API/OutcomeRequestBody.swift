internal import Foundation
public import RevloopPersonalization

/// The body of `POST /v1/outcomes`; unknown fields are refused, as for decisions.
///
///     {"decision_id": "d-1", "block_id": "case-study-7", "reward": 1, "kind": "engagement"}
public struct OutcomeRequestBody: Decodable, Sendable {
    public static let fields = ["decision_id", "block_id", "reward", "kind"]
    static let decisionAccepts = "a string of 1 to 128 characters: the decision_id a decision answered"
    static let blockAccepts =
        "a string of 1 to 128 characters naming a block of the decision, or null for its first block"
    static let rewardAccepts = "a number from 0 to 1"
    static let kindAccepts = "one of: " + DecisionOutcome.Kind.allCases.map(\.rawValue).joined(separator: ", ")

    public let outcome: DecisionOutcome

    public init(from decoder: any Decoder) throws {
        let object = try JSONKey.object(of: decoder)
        var decision: String?
        var block: String?
        var reward: Double?
        var kind = DecisionOutcome.Kind.engagement
        for key in object.allKeys {
            switch key.stringValue {
            case "decision_id":
                decision = try object.text(key, field: "decision_id", maxLength: 128, accepts: Self.decisionAccepts)
            case "block_id":
                if try object.decodeNil(forKey: key) { continue }
                block = try object.text(key, field: "block_id", maxLength: 128, accepts: Self.blockAccepts)
            case "reward":
                guard let value = try? object.decode(Double.self, forKey: key), value.isFinite, (0...1).contains(value)
                else { throw APIError.invalidField("reward", Self.rewardAccepts) }
                reward = value
            case "kind":
                guard let text = try? object.decode(String.self, forKey: key),
                    let value = DecisionOutcome.Kind(rawValue: text)
                else { throw APIError.invalidField("kind", Self.kindAccepts) }
                kind = value
            default:
                throw APIError.unknownField(key.stringValue, known: Self.fields)
            }
        }
        guard let decision else { throw APIError.missingField("decision_id", Self.decisionAccepts) }
        guard let reward else { throw APIError.missingField("reward", Self.rewardAccepts) }
        outcome = DecisionOutcome(decisionID: decision, blockID: block, reward: reward, kind: kind)
    }
}
