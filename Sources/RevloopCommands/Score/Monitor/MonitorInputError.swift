/// A problem with the files or columns given to `score monitor`, as a message that names the file,
/// the column and the fix.
struct MonitorInputError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
