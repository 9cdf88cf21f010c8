/// The file names and columns of a Revloop CRM export: the bundled sample, `revloop sample`'s output,
/// and the format a user's own export must follow (documented field by field in the README).
public enum ExportFormat {
    public static let manifest = "manifest.json"
    public static let pipelines = "pipelines.json"
    public static let companies = "companies.csv"
    public static let contacts = "contacts.csv"
    public static let clickIDs = "click_ids.csv"
    public static let deals = "deals.jsonl"
    public static let spend = "spend.csv"
    /// Optional: contacts' engagements (page views, emails, forms, meetings, sales touches) for scoring.
    public static let activities = "activities.csv"

    public static let companyColumns = [
        "company_id", "name", "domain", "country", "industry", "employees", "created_at", "updated_at",
        "revenue_band",
    ]
    public static let contactColumns = [
        "contact_id", "company_id", "email", "phone", "first_name", "last_name", "city", "region", "postal_code",
        "country", "consent_ad_user_data", "consent_ad_personalization", "limited_data_use", "created_at", "updated_at",
    ]
    public static let clickIDColumns = ["contact_id", "kind", "value", "clicked_at"]
    public static let activityColumns = [
        "contact_id", "kind", "occurred_at", "depth", "channel", "campaign", "referrer",
    ]
    public static let spendColumns = ["date", "channel", "campaign", "spend", "currency", "impressions", "clicks"]

    /// The streams a pull reads, in the order it reads them (companies before the contacts that name them);
    /// pipelines, click ids and activities may be absent.
    public static let pulledStreams = [pipelines, companies, contacts, clickIDs, activities, deals]
}
