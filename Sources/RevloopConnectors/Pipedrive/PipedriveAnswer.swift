/// A Pipedrive answer body: `success` is checked even on a 200, and `error` says why when it is false.
protocol PipedriveAnswer {
    var success: Bool { get }
    var error: String? { get }
}

extension PipedriveWire.Page: PipedriveAnswer {}
extension PipedriveWire.FlowPage: PipedriveAnswer {}
