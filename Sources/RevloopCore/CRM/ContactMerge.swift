/// A contact the CRM merged into another (HubSpot's `hs_calculated_merged_vids`, Salesforce's
/// `MasterRecordId`): the store moves the loser's deals and click ids to the survivor and drops the loser.
public struct ContactMerge: Hashable, Sendable, Codable {
    public var loser: ContactID
    public var survivor: ContactID

    public init(loser: ContactID, survivor: ContactID) {
        self.loser = loser
        self.survivor = survivor
    }
}
