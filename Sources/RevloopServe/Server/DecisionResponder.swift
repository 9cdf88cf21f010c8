internal import Foundation
internal import HTTPTypes
internal import Hummingbird
internal import NIOCore

/// Hummingbird's side of the decision API: copies the request's head into an `APIRequestHead`, lets
/// `DecisionAPI` decide, and returns its answer as one response with a `ByteBuffer` body, which Hummingbird
/// writes head and body in a single write (no delayed-ACK stall on loopback).
struct DecisionResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    static let apiKeyField: HTTPField.Name = {
        guard let name = HTTPField.Name("X-API-Key") else { preconditionFailure("X-API-Key is a valid header name") }
        return name
    }()

    let api: DecisionAPI

    func respond(to request: Request, context: Context) async throws -> Response {
        let headers = request.headers
        let head = APIRequestHead(
            method: request.method.rawValue, path: request.uri.path, authorization: headers[.authorization],
            apiKey: headers[Self.apiKeyField], contentType: headers[.contentType],
            contentLength: headers[.contentLength].flatMap { Int($0) })
        let answer = await api.handle(head) { limit in
            do {
                let buffer = try await request.body.collect(upTo: limit)
                return Data(buffer.readableBytesView)
            } catch is NIOTooManyBytesError {
                return nil
            }
        }
        var fields = HTTPFields()
        if let contentType = answer.contentType { fields[.contentType] = contentType }
        for (name, value) in answer.headers.sorted(by: { $0.key < $1.key }) {
            if let name = HTTPField.Name(name) { fields[name] = value }
        }
        return Response(
            status: HTTPResponse.Status(code: answer.status), headers: fields,
            body: answer.body.isEmpty ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(string: answer.body)))
    }
}
