public import RevloopCore

/// The features of a lead as of one moment, by name: firmographic (the person's company), behavioural
/// (their engagement before the moment) and source (the channel, campaign and referrer of the conversion
/// that made them a lead).
///
/// A training row is cut at the moment the person became a lead (`LeadSnapshot.becameLeadAt`), the moment
/// a lead score is first asked for. Behaviour counts only what happened strictly before the moment; the
/// one event at the moment that counts is the converting form submit itself, for its source (the question
/// a lead score answers is "a lead just came in from here: how likely is revenue?").
public enum LeadFeatures {
    /// Every feature name, in the order reports list them.
    public static let names = [
        "industry", "employees", "revenue_band", "source_channel", "source_campaign", "referrer",
        "pages_viewed_30d", "content_depth", "email_engagements_14d", "email_velocity", "sales_touches",
    ]

    /// Names of the features that are categories (the rest are numbers).
    public static let categorical: Set<String> = [
        "industry", "revenue_band", "source_channel", "source_campaign", "referrer",
    ]

    public static func row(of snapshot: LeadSnapshot, asOf: Timestamp) -> [String: FeatureValue] {
        let history = EngagementHistory(snapshot.activities, asOf: asOf)
        // The first conversion (form submit) up to and including the moment, else the first sourced visit
        // before it.
        let conversion = snapshot.activities.filter { $0.kind == .formSubmit && $0.occurredAt <= asOf }
            .min { $0.occurredAt < $1.occurredAt }
        var row = EngagementHistory.firmographics(of: snapshot.company)
        row.merge(EngagementHistory.source(of: conversion?.channel == nil ? history.firstSourced : conversion)) {
            _, new in new
        }
        row.merge(history.behaviour) { _, new in new }
        return row
    }

    /// Rows of features as the drift monitor's columns, one per feature name (a feature a row lacks is missing).
    public static func columns(of rows: [[String: FeatureValue]]) -> [FeatureColumn] {
        names.map { name in FeatureColumn(name: name, values: rows.map { $0[name] ?? .missing }) }
    }
}
