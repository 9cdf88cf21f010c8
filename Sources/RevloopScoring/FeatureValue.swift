/// One feature of one deal or lead, as of the moment of the prediction: a number, a category, or
/// nothing known. Models one-hot the categories and add a missing indicator per feature, so `missing`
/// carries information (a lead with no employee count is not a company of zero people).
public enum FeatureValue: Hashable, Sendable {
    case number(Double)
    case category(String)
    case missing
}
