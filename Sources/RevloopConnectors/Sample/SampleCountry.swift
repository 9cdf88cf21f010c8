/// A country the sample draws contacts from: its names, places, currency and how its people write phone numbers.
struct SampleCountry: Sendable {
    /// A name as written, and an ASCII form for building email addresses.
    typealias Name = (written: String, ascii: String)

    let code: String
    let currency: String
    let callingCode: String
    /// Trunk prefix written before national numbers (`0`), if the country has one.
    let trunk: String
    /// Digits of a national significant number, with the leading digits fixed (`7` for UK mobiles).
    let nationalPrefix: String
    let nationalLength: Int
    /// How national numbers are grouped for display, as digit counts (`[4, 3, 3]`).
    let grouping: [Int]
    let firstNames: [Name]
    let lastNames: [Name]
    /// City, region, postal code.
    let places: [(city: String, region: String, postalCode: String)]
    /// Share of the sample's companies based here, in percent.
    let weight: Int

    static let all: [SampleCountry] = [
        SampleCountry(
            code: "US", currency: "USD", callingCode: "1", trunk: "", nationalPrefix: "415", nationalLength: 10,
            grouping: [3, 3, 4],
            firstNames: [
                ("James", "james"), ("Mary", "mary"), ("Zoë", "zoe"), ("Chloé", "chloe"), ("Michael", "michael"),
                ("Jennifer", "jennifer"), ("André", "andre"), ("Dana", "dana"),
            ],
            lastNames: [
                ("Smith", "smith"), ("O'Brien", "obrien"), ("Johnson", "johnson"), ("García", "garcia"),
                ("Nguyễn", "nguyen"), ("Williams", "williams"), ("Brown-Lee", "brownlee"),
            ],
            places: [
                ("San Francisco", "CA", "94105"), ("New York", "NY", "10001"), ("Austin", "TX", "78701"),
                ("Chicago", "IL", "60601-1234"),
            ], weight: 34),
        SampleCountry(
            code: "CA", currency: "CAD", callingCode: "1", trunk: "", nationalPrefix: "416", nationalLength: 10,
            grouping: [3, 3, 4],
            firstNames: [("Émilie", "emilie"), ("Liam", "liam"), ("Noémie", "noemie"), ("Olivia", "olivia")],
            lastNames: [("Tremblay", "tremblay"), ("Gagnon", "gagnon"), ("Roy", "roy"), ("Côté", "cote")],
            places: [("Toronto", "ON", "M5V 3L9"), ("Montréal", "QC", "H2X 1Y4")], weight: 5),
        SampleCountry(
            code: "GB", currency: "GBP", callingCode: "44", trunk: "0", nationalPrefix: "20", nationalLength: 10,
            grouping: [3, 4, 4],
            firstNames: [("Oliver", "oliver"), ("Amelia", "amelia"), ("Siobhán", "siobhan"), ("Harry", "harry")],
            lastNames: [("Taylor", "taylor"), ("Davies", "davies"), ("Evans", "evans"), ("O'Connor", "oconnor")],
            places: [("London", "ENG", "SW1A 1AA"), ("Manchester", "ENG", "M1 1AE")], weight: 12),
        SampleCountry(
            code: "IE", currency: "EUR", callingCode: "353", trunk: "0", nationalPrefix: "1", nationalLength: 8,
            grouping: [2, 3, 4],
            firstNames: [("Aoife", "aoife"), ("Seán", "sean"), ("Niamh", "niamh")],
            lastNames: [("Murphy", "murphy"), ("Ó Briain", "obriain"), ("Kelly", "kelly")],
            places: [("Dublin", "D", "D02 X285")], weight: 3),
        SampleCountry(
            code: "DE", currency: "EUR", callingCode: "49", trunk: "0", nationalPrefix: "30", nationalLength: 10,
            grouping: [3, 8],
            firstNames: [("Jürgen", "juergen"), ("Lena", "lena"), ("Björn", "bjoern"), ("Anna", "anna")],
            lastNames: [("Müller", "mueller"), ("Schröder", "schroeder"), ("Weiß", "weiss"), ("Becker", "becker")],
            places: [("Berlin", "BE", "10115"), ("München", "BY", "80331")], weight: 10),
        SampleCountry(
            code: "FR", currency: "EUR", callingCode: "33", trunk: "0", nationalPrefix: "6", nationalLength: 9,
            grouping: [2, 2, 2, 2, 2],
            firstNames: [("François", "francois"), ("Hélène", "helene"), ("Loïc", "loic"), ("Camille", "camille")],
            lastNames: [("Lefèvre", "lefevre"), ("Dubois", "dubois"), ("Moreau", "moreau"), ("Girard", "girard")],
            places: [("Paris", "IDF", "75002"), ("Lyon", "ARA", "69002")], weight: 7),
        SampleCountry(
            code: "ES", currency: "EUR", callingCode: "34", trunk: "", nationalPrefix: "6", nationalLength: 9,
            grouping: [3, 3, 3],
            firstNames: [("José", "jose"), ("María", "maria"), ("Iñaki", "inaki"), ("Lucía", "lucia")],
            lastNames: [("Núñez", "nunez"), ("Fernández", "fernandez"), ("Muñoz", "munoz"), ("López", "lopez")],
            places: [("Madrid", "MD", "28013"), ("Barcelona", "CT", "08002")], weight: 4),
        SampleCountry(
            code: "IT", currency: "EUR", callingCode: "39", trunk: "", nationalPrefix: "06", nationalLength: 10,
            grouping: [2, 4, 4],
            firstNames: [("Niccolò", "niccolo"), ("Giulia", "giulia"), ("Luca", "luca")],
            lastNames: [("Rossi", "rossi"), ("D'Angelo", "dangelo"), ("Ricci", "ricci")],
            places: [("Roma", "RM", "00184"), ("Milano", "MI", "20121")], weight: 3),
        SampleCountry(
            code: "NL", currency: "EUR", callingCode: "31", trunk: "0", nationalPrefix: "6", nationalLength: 9,
            grouping: [1, 8],
            firstNames: [("Daan", "daan"), ("Sanne", "sanne"), ("Joëlle", "joelle")],
            lastNames: [("de Vries", "devries"), ("van den Berg", "vandenberg"), ("Jansen", "jansen")],
            places: [("Amsterdam", "NH", "1012 JS")], weight: 3),
        SampleCountry(
            code: "SE", currency: "SEK", callingCode: "46", trunk: "0", nationalPrefix: "70", nationalLength: 9,
            grouping: [2, 3, 2, 2],
            firstNames: [("Åsa", "asa"), ("Lars", "lars"), ("Märta", "marta")],
            lastNames: [("Andersson", "andersson"), ("Öberg", "oberg"), ("Lindqvist", "lindqvist")],
            places: [("Stockholm", "AB", "111 52")], weight: 2),
        SampleCountry(
            code: "CH", currency: "CHF", callingCode: "41", trunk: "0", nationalPrefix: "78", nationalLength: 9,
            grouping: [2, 3, 2, 2],
            firstNames: [("Léa", "lea"), ("Noah", "noah"), ("Mia", "mia")],
            lastNames: [("Meier", "meier"), ("Gerber", "gerber"), ("Zürcher", "zuercher")],
            places: [("Zürich", "ZH", "8001"), ("Genève", "GE", "1201")], weight: 2),
        SampleCountry(
            code: "PL", currency: "PLN", callingCode: "48", trunk: "", nationalPrefix: "5", nationalLength: 9,
            grouping: [3, 3, 3],
            firstNames: [("Łukasz", "lukasz"), ("Zofia", "zofia"), ("Małgorzata", "malgorzata")],
            lastNames: [("Kowalski", "kowalski"), ("Wiśniewska", "wisniewska"), ("Wójcik", "wojcik")],
            places: [("Warszawa", "MZ", "00-001")], weight: 2),
        SampleCountry(
            code: "AU", currency: "AUD", callingCode: "61", trunk: "0", nationalPrefix: "4", nationalLength: 9,
            grouping: [3, 3, 3],
            firstNames: [("Jack", "jack"), ("Charlotte", "charlotte"), ("Matilda", "matilda")],
            lastNames: [("Wilson", "wilson"), ("Thompson", "thompson"), ("MacKenzie", "mackenzie")],
            places: [("Sydney", "NSW", "2000"), ("Melbourne", "VIC", "3000")], weight: 4),
        SampleCountry(
            code: "JP", currency: "JPY", callingCode: "81", trunk: "0", nationalPrefix: "90", nationalLength: 10,
            grouping: [2, 4, 4],
            firstNames: [("Haruto", "haruto"), ("Yūki", "yuki"), ("Sakura", "sakura")],
            lastNames: [("Satō", "sato"), ("Suzuki", "suzuki"), ("Takahashi", "takahashi")],
            places: [("Tokyo", "13", "100-0005")], weight: 3),
        SampleCountry(
            code: "IN", currency: "INR", callingCode: "91", trunk: "0", nationalPrefix: "98", nationalLength: 10,
            grouping: [5, 5],
            firstNames: [("Aarav", "aarav"), ("Diya", "diya"), ("Priya", "priya")],
            lastNames: [("Sharma", "sharma"), ("Patel", "patel"), ("Iyer", "iyer")],
            places: [("Bengaluru", "KA", "560001"), ("Mumbai", "MH", "400001")], weight: 2),
        SampleCountry(
            code: "BR", currency: "BRL", callingCode: "55", trunk: "0", nationalPrefix: "119", nationalLength: 11,
            grouping: [2, 5, 4],
            firstNames: [("João", "joao"), ("Conceição", "conceicao"), ("Luís", "luis")],
            lastNames: [("Gonçalves", "goncalves"), ("Araújo", "araujo"), ("Simões", "simoes")],
            places: [("São Paulo", "SP", "01310-100")], weight: 2),
        SampleCountry(
            code: "MX", currency: "MXN", callingCode: "52", trunk: "", nationalPrefix: "55", nationalLength: 10,
            grouping: [2, 4, 4],
            firstNames: [("Ximena", "ximena"), ("Santiago", "santiago"), ("Sofía", "sofia")],
            lastNames: [("Hernández", "hernandez"), ("Martínez", "martinez"), ("Peña", "pena")],
            places: [("Ciudad de México", "CMX", "06600")], weight: 1),
        SampleCountry(
            code: "SG", currency: "SGD", callingCode: "65", trunk: "", nationalPrefix: "9", nationalLength: 8,
            grouping: [4, 4],
            firstNames: [("Wei Ling", "weiling"), ("Arjun", "arjun"), ("Mei", "mei")],
            lastNames: [("Tan", "tan"), ("Lim", "lim"), ("Ng", "ng")],
            places: [("Singapore", "SG", "018956")], weight: 1),
    ]
}
