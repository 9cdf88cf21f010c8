enum OPEReplay {
    static func run(path: String) throws {}
}
