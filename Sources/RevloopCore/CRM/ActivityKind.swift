/// The kinds of engagement a CRM or marketing tool records against a contact.
public enum ActivityKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// A page of the website viewed; `depth` says how far into the content it is.
    case pageView = "page_view"
    case emailOpen = "email_open"
    case emailClick = "email_click"
    /// A form filled in (a demo request, a download); carries the visit's source.
    case formSubmit = "form_submit"
    /// A meeting booked with sales. A common wrong label for scoring: it tracks activity, not revenue.
    case meetingBooked = "meeting_booked"
    /// A call, email or meeting logged by a sales rep (a sales-led touch).
    case salesTouch = "sales_touch"
}
