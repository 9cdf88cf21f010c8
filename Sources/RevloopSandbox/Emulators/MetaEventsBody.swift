internal import Foundation

/// A Meta `events` request body, decoded loosely: a field of the wrong type is kept as "present, wrong
/// type" instead of failing the whole body, so the emulator can refuse it with Meta's own words. Decoded
/// into values rather than `JSONSerialization`'s dictionaries, which kept the emulator slower than the
/// client it tests.
struct MetaEventsBody: Decodable {
    var data: [MetaEvent]?
    var testEventCode: String?

    enum CodingKeys: String, CodingKey {
        case data
        case testEventCode = "test_event_code"
    }
}

/// A field that may be missing, of the expected type, or of another.
enum Loose<Value: Decodable>: Decodable {
    case missing
    case value(Value)
    case wrongType

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self = (try? container.decode(Value.self)).map(Loose.value) ?? .wrongType
    }

    var value: Value? {
        if case .value(let value) = self { return value }
        return nil
    }
}

extension KeyedDecodingContainer {
    func loose<Value>(_ key: Key) -> Loose<Value> {
        guard contains(key) else { return .missing }
        return (try? decode(Loose<Value>.self, forKey: key)) ?? .wrongType
    }
}

struct MetaEvent: Decodable {
    var eventName: Loose<String>
    var eventTime: Loose<Int64>
    var eventID: Loose<String>
    var actionSource: Loose<String>
    var userData: MetaUserData?
    var value: Loose<Decimal>
    var currency: Loose<String>

    enum CodingKeys: String, CodingKey {
        case eventName = "event_name"
        case eventTime = "event_time"
        case eventID = "event_id"
        case actionSource = "action_source"
        case userData = "user_data"
        case customData = "custom_data"
    }

    enum CustomDataKeys: String, CodingKey {
        case value, currency
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        eventName = container.loose(.eventName)
        eventTime = container.loose(.eventTime)
        eventID = container.loose(.eventID)
        actionSource = container.loose(.actionSource)
        userData = try? container.decode(MetaUserData.self, forKey: .userData)
        if let custom = try? container.nestedContainer(keyedBy: CustomDataKeys.self, forKey: .customData) {
            value = custom.loose(.value)
            currency = custom.loose(.currency)
        } else {
            value = .missing
            currency = .missing
        }
    }
}

/// `user_data`: the keys Meta wants hashed, as arrays of strings, and the ones it takes as they are.
struct MetaUserData: Decodable {
    /// The hashed keys, by name, in Meta's order.
    static let hashedKeys = ["em", "ph", "fn", "ln", "ct", "st", "zp", "country"]

    var hashed: [(key: String, values: Loose<[String]>)]
    var externalID: Loose<[String]>
    var fbc: Loose<String>
    var leadID: Loose<Int64>

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        hashed = Self.hashedKeys.map { ($0, container.loose(Key(stringValue: $0))) }
        externalID = container.loose(Key(stringValue: "external_id"))
        fbc = container.loose(Key(stringValue: "fbc"))
        leadID = container.loose(Key(stringValue: "lead_id"))
    }

    /// No key at all was sent.
    var isEmpty: Bool {
        func missing<Value>(_ field: Loose<Value>) -> Bool {
            if case .missing = field { return true }
            return false
        }
        return hashed.allSatisfy { missing($0.values) } && missing(externalID) && missing(fbc) && missing(leadID)
    }
}
