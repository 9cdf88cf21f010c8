import ArgumentParser
import RevloopCommands

/// The `revloop` executable: everything it does lives in `RevloopCommands`.
@main
struct RevloopMain {
    static func main() async {
        await RevloopCommand.main()
    }
}
