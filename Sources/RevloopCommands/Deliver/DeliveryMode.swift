/// Whether a delivery run sends for real or only asks the platforms to check what it would send.
public enum DeliveryMode: Sendable {
    /// Send and record in the ledger.
    case live
    /// Google's `validateOnly`: checked, not ingested; Meta and LinkedIn, which cannot validate without
    /// ingesting, are not sent. Nothing is recorded.
    case validateOnly
    /// Google `validateOnly`, Meta's Test Events (`test_event_code`); LinkedIn has no test mode and is
    /// not sent. Nothing is recorded.
    case test
}
