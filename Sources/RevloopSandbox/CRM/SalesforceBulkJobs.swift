internal import Foundation
internal import RevloopCore
internal import RevloopHTTP
internal import Synchronization

/// Bulk API 2.0 query jobs of the Salesforce emulator (crms.md 2.6): `POST /jobs/query` takes the query
/// (answered at once from a snapshot), `GET /jobs/query/{id}` reports `UploadComplete`, then `InProgress`
/// for the configured number of polls, then `JobComplete`; `GET /jobs/query/{id}/results` answers CSV
/// (every value quoted, null as an empty cell) in chunks of `maxRecords`, with `Sforce-NumberOfRecords` and
/// an opaque `Sforce-Locator` that is the string `null` after the last chunk. Asking for results before
/// `JobComplete` is 412 `JOB_NOT_COMPLETE`; with another API version than the job's, 409.
final class SalesforceBulkJobs: Sendable {
    struct Job {
        var id: String
        var operation: String
        var object: String
        var version: String
        var created: Int64
        /// The CSV header line and one line per row.
        var header: String
        var rows: [String]
        var pollsLeft: Int
        var state: String
    }

    private let jobs = Mutex<(jobs: [String: Job], count: Int)>(([:], 0))
    private let pollsUntilComplete: Int

    init(pollsUntilComplete: Int) { self.pollsUntilComplete = pollsUntilComplete }

    /// A new job over `records` (the query's matches, in its order) with its selected fields.
    func create(
        operation: String, query: SOQLQuery, records: [SalesforceRecord], version: String, now: Timestamp
    ) -> HTTPResponse {
        let header = query.fields.map(Self.cell).joined(separator: ",")
        let rows = records.map { record in query.fields.map { Self.cell(record.value($0)) }.joined(separator: ",") }
        let job = jobs.withLock { state -> Job in
            state.count += 1
            let job = Job(
                id: SalesforceDataset.id(prefix: "750", number: Int64(state.count)), operation: operation,
                object: query.object, version: version, created: now.millisecondsSinceEpoch, header: header,
                rows: rows, pollsLeft: pollsUntilComplete, state: "UploadComplete")
            state.jobs[job.id] = job
            return job
        }
        return EmulatorJSON.response(200, Self.info(job))
    }

    /// The job's info; each poll moves it on towards `JobComplete`.
    func info(_ id: String) -> HTTPResponse {
        let job = jobs.withLock { state -> Job? in
            guard var job = state.jobs[id] else { return nil }
            if job.pollsLeft > 0 {
                job.pollsLeft -= 1
                job.state = "InProgress"
            } else {
                job.state = "JobComplete"
            }
            state.jobs[id] = job
            return job
        }
        guard let job else { return SalesforceAPIError.notFound("Job not found: \(id)").response() }
        return EmulatorJSON.response(200, Self.info(job))
    }

    /// A chunk of results as CSV.
    func results(_ id: String, locator: String?, maxRecords: Int?, version: String) -> HTTPResponse {
        guard let job = jobs.withLock({ $0.jobs[id] }) else {
            return SalesforceAPIError.notFound("Job not found: \(id)").response()
        }
        guard job.version == version else {
            return SalesforceAPIError(
                status: 409, errorCode: "INVALIDJOBSTATE",
                message: "Results must be retrieved with the API version the job was created with (\(job.version))"
            ).response()
        }
        guard job.state == "JobComplete" else {
            return SalesforceAPIError(status: 412, errorCode: "JOB_NOT_COMPLETE", message: "Job is not complete")
                .response()
        }
        let start = locator.flatMap(Self.offset) ?? 0
        let end = min(job.rows.count, start + max(1, maxRecords ?? 50_000))
        guard start <= job.rows.count else {
            return SalesforceAPIError(status: 400, errorCode: "INVALID_LOCATOR", message: "Invalid locator").response()
        }
        let body = ([job.header] + job.rows[start..<end]).joined(separator: "\n") + "\n"
        return HTTPResponse(
            status: 200,
            headers: [
                "content-type": "text/csv", "Sforce-NumberOfRecords": String(end - start),
                "Sforce-Locator": end < job.rows.count ? Self.locator(end) : "null",
            ], body: Data(body.utf8))
    }

    func delete(_ id: String) -> HTTPResponse {
        let removed = jobs.withLock { $0.jobs.removeValue(forKey: id) != nil }
        return removed ? HTTPResponse(status: 204) : SalesforceAPIError.notFound("Job not found: \(id)").response()
    }

    private static func info(_ job: Job) -> [String: Any] {
        let stamp = SalesforceValue.wireDateTime(job.created)
        return [
            "id": job.id, "operation": job.operation, "object": job.object, "createdById": "005SB0000000001AAA",
            "createdDate": stamp, "systemModstamp": stamp, "state": job.state, "concurrencyMode": "Parallel",
            "contentType": "CSV", "apiVersion": Double(job.version) ?? 61.0, "lineEnding": "LF",
            "columnDelimiter": "COMMA", "numberRecordsProcessed": job.state == "JobComplete" ? job.rows.count : 0,
        ]
    }

    /// An opaque locator (base64 of the offset, as Salesforce's look: `MTAwMDA`).
    static func locator(_ offset: Int) -> String {
        Data(String(offset).utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
    }

    static func offset(_ locator: String) -> Int? {
        let padded = locator + String(repeating: "=", count: (4 - locator.count % 4) % 4)
        return Data(base64Encoded: padded).flatMap { Int(String(decoding: $0, as: UTF8.self)) }
    }

    /// A CSV cell: quoted text, or empty for null.
    static func cell(_ value: SalesforceValue) -> String {
        switch value {
        case .null: ""
        case .string(let text): cell(text)
        case .number(let text): cell(text)
        case .boolean(let flag): cell(flag ? "true" : "false")
        case .dateTime(let milliseconds): cell(SalesforceValue.wireDateTime(milliseconds))
        case .date(let day): cell(day)
        }
    }

    static func cell(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
}
