/// The counts every CRM emulator keeps of the requests it answered and the faults it injected into them.
protocol CRMFaultTally {
    var requests: Int { get set }
    var throttled: Int { get set }
    var serverErrors: Int { get set }
    var dropped: Int { get set }
    var stalled: Int { get set }
}

extension CRMFaultTally {
    /// Counts one request and the fault `SandboxFaults` drew for it.
    mutating func countRequest(with fault: SandboxFaults.RequestFault) {
        requests += 1
        switch fault {
        case .serverError: serverErrors += 1
        case .throttled: throttled += 1
        case .dropAfterIngest: dropped += 1
        case .stallAfterIngest: stalled += 1
        case .none: break
        }
    }
}

extension HubSpotTally: CRMFaultTally {}
extension PipedriveTally: CRMFaultTally {}
extension SalesforceTally: CRMFaultTally {}
