extension CRMPage {
    /// Hands the page to the caller's commit; a failure that is not already a `ConnectorError` (the store's)
    /// becomes `commitFailed`, naming the stream.
    func commit(using commit: (CRMPage) async throws -> Void) async throws(ConnectorError) {
        do {
            try await commit(self)
        } catch let error as ConnectorError {
            throw error
        } catch {
            throw ConnectorError(.commitFailed, "committing a page of \(progress.stream) failed: \(error)")
        }
    }
}
