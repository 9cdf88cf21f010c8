/// What the connector read about one deal beyond the list's row: its persons (`GET /api/v2/persons?deal_id=`)
/// and the stage changes in its flow (`GET /api/v1/deals/{id}/flow`); `nil` where it was not read.
struct PipedriveDealDetails {
    var personIDs: [Int64]?
    var stageChanges: [PipedriveWire.FlowChange]?

    init(personIDs: [Int64]? = nil, stageChanges: [PipedriveWire.FlowChange]? = nil) {
        self.personIDs = personIDs
        self.stageChanges = stageChanges
    }
}
