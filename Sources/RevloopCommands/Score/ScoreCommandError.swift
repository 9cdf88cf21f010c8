/// A `score` command failure, printed as is: it names the file, line, column and fix.
struct ScoreCommandError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
