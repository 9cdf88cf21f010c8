internal import Foundation
internal import RevloopCore
internal import RevloopHTTP

/// Google Ads API `customers/{id}:uploadClickConversions` and `:uploadConversionAdjustments`
/// (ad-platforms.md 1.3-1.7): `partialFailure` required, per-row errors in one `GoogleAdsFailure` with
/// `location.fieldPathElements[0].index`, failed rows as `{}` in `results`, `jobId` as a string. A token
/// that is not allowlisted gets `CUSTOMER_NOT_ALLOWLISTED_FOR_THIS_FEATURE` for the whole request.
struct GoogleAdsEmulator: PlatformEmulator {
    let platform = Platform.googleAds
    /// Whether the developer token may use offline conversion import (new adopters may not, since 2026-06-15).
    var allowlisted: Bool

    func handles(path: String) -> Bool {
        path.contains("/customers/")
            && (path.hasSuffix(":uploadClickConversions")
                || path.hasSuffix(":uploadConversionAdjustments"))
    }

    func handle(_ request: HTTPRequest, path: String, context: EmulatorContext) -> HTTPResponse {
        guard context.authorizedToken(request) != nil else {
            return failure(401, "UNAUTHENTICATED", ["authenticationError": "OAUTH_TOKEN_INVALID"], context: context)
        }
        guard allowlisted else {
            context.tally.count(platform) { $0.refusedRequests += 1 }
            return failure(
                403, "PERMISSION_DENIED", ["notAllowlistedError": "CUSTOMER_NOT_ALLOWLISTED_FOR_THIS_FEATURE"],
                context: context)
        }
        let adjustments = path.hasSuffix(":uploadConversionAdjustments")
        let rowsKey = adjustments ? "conversionAdjustments" : "conversions"
        guard let body = EmulatorJSON.object(request.body), let rows = body[rowsKey] as? [[String: Any]],
            !rows.isEmpty
        else {
            return failure(400, "INVALID_ARGUMENT", ["requestError": "INVALID_INPUT"], context: context)
        }
        guard body["partialFailure"] as? Bool == true else {
            return failure(
                400, "INVALID_ARGUMENT", ["partialFailureError": "PARTIAL_FAILURE_MODE_REQUIRED"], context: context)
        }
        guard rows.count <= 2_000 else {
            return failure(
                400, "INVALID_ARGUMENT", ["conversionUploadError": "TOO_MANY_CONVERSIONS_IN_REQUEST"], context: context)
        }
        let validateOnly = body["validateOnly"] as? Bool == true
        var results: [[String: Any]] = []
        var errors: [[String: Any]] = []
        for (index, row) in rows.enumerated() {
            let problem =
                adjustments ? adjustmentProblem(row, context: context) : conversionProblem(row, context: context)
            if let problem {
                // proto3 JSON drops default values: the first row's `index: 0` is not written at all.
                var element: [String: Any] = [
                    "fieldName": rowsKey == "conversions" ? "conversions" : "conversion_adjustments"
                ]
                if index > 0 { element["index"] = index }
                errors.append([
                    "errorCode": problem, "message": problem.values.first ?? "",
                    "location": ["fieldPathElements": [element]],
                ])
                results.append([:])
                continue
            }
            let orderID = row["orderId"] as? String ?? ""
            if validateOnly {
                context.tally.count(platform) { $0.test += 1 }
            } else if adjustments {
                let value =
                    row["adjustmentType"] as? String == "RETRACTION"
                    ? "0" : EmulatorJSON.numberText((row["restatementValue"] as? [String: Any])?["adjustedValue"]) ?? ""
                context.tally.ingest(platform, id: orderID, value: value)
            } else {
                context.tally.ingest(
                    platform, id: orderID, value: EmulatorJSON.numberText(row["conversionValue"]) ?? "")
            }
            results.append(["orderId": orderID, "conversionAction": row["conversionAction"] ?? ""])
        }
        let refused = errors.filter {
            ($0["errorCode"] as? [String: String])?.values.first != "ORDER_ID_ALREADY_IN_USE"
        }
        context.tally.count(platform) { $0.refusedEvents += refused.count }
        var response: [String: Any] = ["jobId": String(context.requestID.filter(\.isNumber))]
        if !validateOnly { response["results"] = results }
        if !errors.isEmpty {
            response["partialFailureError"] =
                [
                    "code": 3, "message": "Some operations failed.",
                    "details": [
                        [
                            "@type": "type.googleapis.com/google.ads.googleads.v26.errors.GoogleAdsFailure",
                            "errors": errors, "requestId": context.requestID,
                        ] as [String: Any]
                    ],
                ] as [String: Any]
        }
        return EmulatorJSON.response(200, response, headers: ["request-id": context.requestID])
    }

    func faultResponse(_ fault: SandboxFaults.RequestFault, context: EmulatorContext) -> HTTPResponse {
        switch fault {
        case .throttled:
            failure(
                429, "RESOURCE_EXHAUSTED", ["quotaError": "RESOURCE_TEMPORARILY_EXHAUSTED"], context: context,
                retryDelay: "\(context.faults.shares.retryAfterSeconds)s")
        default: failure(503, "UNAVAILABLE", ["internalError": "TRANSIENT_ERROR"], context: context)
        }
    }

    private func conversionProblem(_ row: [String: Any], context: EmulatorContext) -> [String: String]? {
        guard let action = row["conversionAction"] as? String, action.contains("/conversionActions/") else {
            return ["conversionUploadError": "NO_CONVERSION_ACTION_FOUND"]
        }
        guard let time = row["conversionDateTime"] as? String, GoogleAdsEmulator.isAdsDateTime(time) else {
            return ["dateError": "INVALID_STRING_DATE_TIME_SECONDS_WITH_OFFSET"]
        }
        let identifiers = row["userIdentifiers"] as? [[String: Any]] ?? []
        if identifiers.count > 5 { return ["conversionUploadError": "INVALID_USER_IDENTIFIER"] }
        for identifier in identifiers where identifier["hashedEmail"] != nil || identifier["hashedPhoneNumber"] != nil {
            if !EmulatorJSON.isSHA256Hex(identifier["hashedEmail"] ?? identifier["hashedPhoneNumber"]) {
                return ["conversionUploadError": "INVALID_USER_IDENTIFIER"]
            }
        }
        if row["gbraid"] != nil && row["wbraid"] != nil { return ["conversionUploadError": "GBRAID_WBRAID_BOTH_SET"] }
        guard let orderID = row["orderId"] as? String, !orderID.isEmpty else {
            return ["conversionUploadError": "INVALID_ORDER_ID"]
        }
        if context.faults.isPoisoned(orderID) { return ["conversionUploadError": "EXPIRED_EVENT"] }
        if context.tally.holds(platform, id: orderID) { return ["conversionUploadError": "ORDER_ID_ALREADY_IN_USE"] }
        return nil
    }

    private func adjustmentProblem(_ row: [String: Any], context: EmulatorContext) -> [String: String]? {
        guard let type = row["adjustmentType"] as? String, ["RESTATEMENT", "RETRACTION"].contains(type) else {
            return ["conversionAdjustmentUploadError": "INVALID_ADJUSTMENT_TYPE"]
        }
        guard let time = row["adjustmentDateTime"] as? String, GoogleAdsEmulator.isAdsDateTime(time) else {
            return ["dateError": "INVALID_STRING_DATE_TIME_SECONDS_WITH_OFFSET"]
        }
        guard let orderID = row["orderId"] as? String, context.tally.holds(platform, id: orderID) else {
            return ["conversionAdjustmentUploadError": "CONVERSION_NOT_FOUND"]
        }
        if context.faults.isPoisoned(orderID) { return ["conversionAdjustmentUploadError": "TOO_RECENT_CONVERSION"] }
        return nil
    }

    /// `yyyy-mm-dd hh:mm:ss+hh:mm`: the offset is mandatory and `Z` is refused.
    static func isAdsDateTime(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 25 else { return false }
        let shape = Array("dddd-dd-dd dd:dd:dd+dd:dd".utf8)
        for (byte, expected) in zip(bytes, shape) {
            switch expected {
            case UInt8(ascii: "d"): guard (48...57).contains(byte) else { return false }
            case UInt8(ascii: "+"): guard byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") else { return false }
            default: guard byte == expected else { return false }
            }
        }
        return true
    }

    private func failure(
        _ status: Int, _ grpcStatus: String, _ code: [String: String], context: EmulatorContext,
        retryDelay: String? = nil
    ) -> HTTPResponse {
        var error: [String: Any] = ["errorCode": code, "message": code.values.first ?? ""]
        if let retryDelay {
            error["details"] = ["quotaErrorDetails": ["rateScope": "ACCOUNT", "retryDelay": retryDelay]]
        }
        return EmulatorJSON.response(
            status,
            [
                "error": [
                    "code": status, "status": grpcStatus, "message": code.values.first ?? "",
                    "details": [
                        [
                            "@type": "type.googleapis.com/google.ads.googleads.v26.errors.GoogleAdsFailure",
                            "errors": [error], "requestId": context.requestID,
                        ] as [String: Any]
                    ],
                ] as [String: Any]
            ])
    }
}
