/// What kind of content a block is; the competitor guardrail names `caseStudy`.
public enum ContentType: String, Hashable, Sendable, CaseIterable, Codable {
    case article
    case caseStudy = "case_study"
    case demo
    case ebook
    case guide
    case pricing
    case productDetail = "product_detail"
    case report
    case testimonial
    case video
    case webinar
}
