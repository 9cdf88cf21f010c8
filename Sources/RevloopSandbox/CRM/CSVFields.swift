/// Splits one CSV record (RFC 4180: quoted fields, doubled quotes) into its fields.
enum CSVFields {
    static func split(_ row: String) -> [String] {
        var fields: [String] = []
        var field = ""
        var isQuoted = false
        var characters = row.makeIterator()
        var pending: Character? = nil
        while let character = pending ?? characters.next() {
            pending = nil
            if isQuoted {
                if character == "\"" {
                    let next = characters.next()
                    if next == "\"" {
                        field.append("\"")
                    } else {
                        isQuoted = false
                        pending = next
                    }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                isQuoted = true
            } else if character == "," {
                fields.append(field)
                field = ""
            } else if character != "\n" && character != "\r" && character != "\r\n" {
                field.append(character)
            }
        }
        fields.append(field)
        return fields
    }
}
