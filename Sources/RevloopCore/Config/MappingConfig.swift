internal import Foundation

/// One destination goal, as a `mappings/*.yaml` file describes it: which deal stage transitions become
/// which conversion, for which account, with what value.
///
/// This is the file's typed form and its checks; `RevloopMapping.ConversionGoal` is its resolved form
/// the planner applies.
public struct MappingConfig: Hashable, Sendable {
    /// What fires the conversion.
    public enum Trigger: Hashable, Sendable {
        /// Entering one of these stages.
        case stages([StageID])
        /// Entering any won stage (by pipeline metadata, not by label).
        case closedWon
        /// Every stage, in order (Meta's Conversion Leads wants the whole funnel).
        case everyStage
    }

    /// How the conversion's value is computed.
    public enum ValuePolicy: String, Hashable, Sendable, CaseIterable {
        case `static`
        case dealAmount = "deal_amount"
        case stageWeighted = "stage_weighted"
        case predicted
    }

    /// What to do with a contact whose consent is not recorded.
    public enum UnknownConsent: String, Hashable, Sendable, CaseIterable {
        case send, skip
    }

    /// A kill switch: the goal is planned but nothing of it is sent (`revloop pause` does the same from
    /// the command line).
    public var paused = false
    public var name: String
    public var sourcePath: String
    /// The `destinations` key in `revloop.yaml`.
    public var destination: String
    public var account: String
    /// Google conversion action id, Meta dataset (pixel) id, or LinkedIn conversion rule id.
    public var target: String
    public var trigger: Trigger
    public var pipelines: [PipelineID]
    public var valuePolicy: ValuePolicy
    public var staticValue: Money?
    public var currency: CurrencyCode
    /// Stage id to win probability, overriding the CRM's for `stage_weighted`.
    public var stageProbabilities: [StageID: Double]
    public var windowDays: Int?
    public var unknownConsent: UnknownConsent
    /// Share of deals held out (never sent), 0 to 0.5; `nil` uses the project's holdout.
    public var holdoutShare: Double?
    public var minimumAmount: Money?
    /// `filter.max_amount`: deals worth more (in the goal's currency) are not sent.
    public var maximumAmount: Money?
    /// `filter.countries`: only people in these ISO 3166-1 alpha-2 countries are sent (empty: all).
    public var countries: Set<String> = []
    /// LinkedIn only: send plaintext `userInfo` (names, title, company) with events. Off unless asked:
    /// it is the one place a name leaves in plaintext, and only from a run's memory, never the store.
    public var sendsLinkedInUserInfo: Bool = false

    static let keys = [
        "name", "destination", "account", "conversion_action", "dataset", "conversion_rule", "trigger", "value",
        "window_days", "consent", "holdout", "filter", "send_user_info", "paused",
    ]
    /// The key naming the platform's target, per platform.
    public static func targetKey(for platform: Platform) -> String {
        switch platform {
        case .googleDataManager, .googleAds: "conversion_action"
        case .meta: "dataset"
        case .linkedIn: "conversion_rule"
        }
    }

    /// The longest window each platform accepts, in days.
    public static func maximumWindowDays(for platform: Platform) -> Int {
        switch platform {
        case .googleDataManager, .googleAds: 90
        case .meta: 7
        case .linkedIn: 90
        }
    }

    /// Reads a mapping file, checking it against the project's destinations.
    public static func read(
        _ document: ConfigDocument, destinations: [String: DestinationConfig], diagnostics: inout [Diagnostic]
    ) -> MappingConfig? {
        guard let root = document.root else { return nil }
        let fields = root.mapping(allowed: keys, diagnostics: &diagnostics)
        let stem = URL(fileURLWithPath: document.path).deletingPathExtension().lastPathComponent
        let name = fields["name"]?.requiredString("the goal's name", diagnostics: &diagnostics) ?? stem
        guard let destinationNode = fields["destination"] else {
            diagnostics.append(root.error("missing 'destination': name one of revloop.yaml's destinations"))
            return nil
        }
        guard let destinationName = destinationNode.requiredString("a destination name", diagnostics: &diagnostics)
        else { return nil }
        guard let destination = destinations[destinationName] else {
            let known = destinations.keys.sorted().joined(separator: ", ")
            diagnostics.append(
                destinationNode.error(
                    "destination '\(destinationName)' is not defined in revloop.yaml (defined: \(known.isEmpty ? "none" : known))"
                ))
            return nil
        }
        let platform = destination.platform
        let targetKey = targetKey(for: platform)
        for key in ["conversion_action", "dataset", "conversion_rule"] where key != targetKey {
            if let node = fields[key] {
                diagnostics.append(
                    node.error("'\(key)' does not apply to \(platform.rawValue); this platform uses '\(targetKey)'"))
            }
        }
        let target = fields[targetKey]?.requiredString("the platform's id", diagnostics: &diagnostics)
        if fields[targetKey] == nil {
            diagnostics.append(
                root.error("missing '\(targetKey)': \(platform.rawValue) needs it to know where to send"))
        }
        let account = fields["account"]?.requiredString("the ad account id", diagnostics: &diagnostics)
        if fields["account"] == nil { diagnostics.append(root.error("missing 'account': the ad account id")) }

        var pipelines: [PipelineID] = []
        var trigger: Trigger?
        if let triggerNode = fields["trigger"] {
            let triggerFields = triggerNode.mapping(
                allowed: ["event", "stages", "pipelines"], diagnostics: &diagnostics)
            pipelines = (triggerFields["pipelines"]?.list(diagnostics: &diagnostics) ?? [])
                .compactMap { $0.requiredString("a pipeline id", diagnostics: &diagnostics) }.map(PipelineID.init)
            let stages = (triggerFields["stages"]?.list(diagnostics: &diagnostics) ?? [])
                .compactMap { $0.requiredString("a stage id", diagnostics: &diagnostics) }.map(StageID.init)
            let event = triggerFields["event"]?.string(diagnostics: &diagnostics)
            switch (event, stages.isEmpty) {
            case (nil, false): trigger = .stages(stages)
            case ("closed_won", true): trigger = .closedWon
            case ("every_stage", true): trigger = .everyStage
            case (.some, false):
                diagnostics.append(triggerNode.error("'trigger' takes either 'event' or 'stages', not both"))
            default:
                diagnostics.append(
                    triggerNode.error("'trigger' needs 'stages: [stage ids]' or 'event: closed_won | every_stage'"))
            }
        } else {
            diagnostics.append(root.error("missing 'trigger': say which stage transitions become this conversion"))
        }

        var policy: ValuePolicy?
        var staticValue: Money?
        var currency: CurrencyCode?
        var probabilities: [StageID: Double] = [:]
        if let valueNode = fields["value"] {
            let valueFields = valueNode.mapping(
                allowed: ["policy", "amount", "currency", "probabilities"], diagnostics: &diagnostics)
            if let currencyNode = valueFields["currency"], let text = currencyNode.string(diagnostics: &diagnostics) {
                currency = CurrencyCode(text)
                if currency == nil {
                    diagnostics.append(currencyNode.error("'value.currency' must be an ISO 4217 code such as USD"))
                }
            } else if valueFields["currency"] == nil {
                diagnostics.append(valueNode.error("missing 'value.currency': the ad account's currency"))
            }
            policy = valueFields["policy"]?.choice(ValuePolicy.self, diagnostics: &diagnostics)
            if valueFields["policy"] == nil {
                diagnostics.append(
                    valueNode.error("missing 'value.policy' (static, deal_amount, stage_weighted, predicted)"))
            }
            if let probabilityNode = valueFields["probabilities"] {
                for (stage, child) in probabilityNode.entries(
                    "stage ids to numbers from 0 to 1", diagnostics: &diagnostics)
                {
                    if let number = child.number(in: 0...1, diagnostics: &diagnostics) {
                        probabilities[StageID(stage)] = number
                    }
                }
            }
            if policy == .static {
                if let amountNode = valueFields["amount"], let text = amountNode.string(diagnostics: &diagnostics),
                    let currency
                {
                    staticValue = Money(decimal: text, currency: currency)
                    if staticValue == nil {
                        diagnostics.append(
                            amountNode.error("'value.amount' must be a decimal amount such as \"250.00\""))
                    }
                } else if valueFields["amount"] == nil {
                    diagnostics.append(valueNode.error("policy 'static' needs 'value.amount', such as \"250.00\""))
                }
            } else if let amountNode = valueFields["amount"] {
                diagnostics.append(amountNode.error("'value.amount' applies only to policy 'static'"))
            }
        } else {
            diagnostics.append(root.error("missing 'value': say how the conversion's value is computed"))
        }

        var windowDays: Int?
        if let windowNode = fields["window_days"] {
            let maximum = maximumWindowDays(for: platform)
            windowDays = windowNode.integer(in: 1...maximum, diagnostics: &diagnostics)
        }
        var unknownConsent = UnknownConsent.skip
        if let consentNode = fields["consent"] {
            let consentFields = consentNode.mapping(allowed: ["unknown"], diagnostics: &diagnostics)
            unknownConsent = consentFields["unknown"]?.choice(UnknownConsent.self, diagnostics: &diagnostics) ?? .skip
        }
        var holdoutShare: Double?
        if let holdoutNode = fields["holdout"] {
            let holdoutFields = holdoutNode.mapping(allowed: ["share"], diagnostics: &diagnostics)
            holdoutShare = holdoutFields["share"]?.number(in: 0...0.5, diagnostics: &diagnostics)
        }
        var minimumAmount: Money?
        var maximumAmount: Money?
        var countries: Set<String> = []
        if let filterNode = fields["filter"] {
            let filterFields = filterNode.mapping(
                allowed: ["min_amount", "max_amount", "countries"], diagnostics: &diagnostics)
            func amount(_ key: String) -> Money? {
                guard let node = filterFields[key], let text = node.string(diagnostics: &diagnostics), let currency
                else { return nil }
                guard let value = Money(decimal: text, currency: currency) else {
                    diagnostics.append(node.error("'filter.\(key)' must be a decimal amount such as \"1000.00\""))
                    return nil
                }
                return value
            }
            minimumAmount = amount("min_amount")
            maximumAmount = amount("max_amount")
            if let minimumAmount, let maximumAmount, minimumAmount.minorUnits > maximumAmount.minorUnits,
                let node = filterFields["max_amount"]
            {
                diagnostics.append(
                    node.error("'filter.max_amount' is below 'filter.min_amount': nothing would be sent"))
            }
            for node in filterFields["countries"]?.list(diagnostics: &diagnostics) ?? [] {
                guard let text = node.requiredString("a country code", diagnostics: &diagnostics) else { continue }
                let code = text.uppercased()
                if code.count == 2, code.allSatisfy({ $0.isASCII && $0.isLetter }) {
                    countries.insert(code)
                } else {
                    diagnostics.append(node.error("'\(text)' is not an ISO 3166-1 alpha-2 country code such as US"))
                }
            }
        }
        var sendsUserInfo = false
        if let userInfoNode = fields["send_user_info"] {
            sendsUserInfo = userInfoNode.boolean(diagnostics: &diagnostics) ?? false
            if platform != .linkedIn {
                diagnostics.append(userInfoNode.error("'send_user_info' applies only to LinkedIn destinations"))
            }
        }
        guard let target, let account, let trigger, let policy, let currency else { return nil }
        var mapping = MappingConfig(
            name: name, sourcePath: document.path, destination: destinationName, account: account, target: target,
            trigger: trigger, pipelines: pipelines, valuePolicy: policy, staticValue: staticValue, currency: currency,
            stageProbabilities: probabilities, windowDays: windowDays, unknownConsent: unknownConsent,
            holdoutShare: holdoutShare, minimumAmount: minimumAmount)
        mapping.sendsLinkedInUserInfo = sendsUserInfo
        mapping.paused = fields["paused"]?.boolean(diagnostics: &diagnostics) ?? false
        mapping.maximumAmount = maximumAmount
        mapping.countries = countries
        return mapping
    }
}
