internal import CLibCrypto

/// RSASSA-PKCS1-v1_5 with SHA-256 ("RS256", the JWT algorithm Google's service accounts sign with),
/// through OpenSSL's libcrypto. Keys are PEM text; a private key also verifies.
public enum RSASHA256 {
    /// A key OpenSSL cannot read, or a signature it cannot make. Never contains the key.
    public struct KeyError: Error, Hashable, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// Signs `message` with the PEM private key (PKCS#8 `BEGIN PRIVATE KEY` or `BEGIN RSA PRIVATE KEY`).
    public static func sign(_ message: [UInt8], privateKeyPEM: String) throws(KeyError) -> [UInt8] {
        guard let key = readKey(privateKeyPEM, allowPublic: false) else {
            throw KeyError(description: "the private key is not a PEM RSA key OpenSSL can read")
        }
        defer { EVP_PKEY_free(key) }
        guard let context = EVP_MD_CTX_new() else { throw KeyError(description: "out of memory") }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestSignInit(context, nil, EVP_sha256(), nil, key) == 1 else {
            throw KeyError(description: "the key cannot sign with SHA-256")
        }
        var length = 0
        guard EVP_DigestSign(context, nil, &length, message, message.count) == 1 else {
            throw KeyError(description: "signing failed")
        }
        var signature = [UInt8](repeating: 0, count: length)
        guard EVP_DigestSign(context, &signature, &length, message, message.count) == 1 else {
            throw KeyError(description: "signing failed")
        }
        return Array(signature.prefix(length))
    }

    /// Whether `signature` signs `message` under the PEM key (public, or private).
    public static func verify(_ signature: [UInt8], of message: [UInt8], keyPEM: String) -> Bool {
        guard let key = readKey(keyPEM, allowPublic: true) else { return false }
        defer { EVP_PKEY_free(key) }
        guard let context = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestVerifyInit(context, nil, EVP_sha256(), nil, key) == 1 else { return false }
        return EVP_DigestVerify(context, signature, signature.count, message, message.count) == 1
    }

    /// A fresh 2048-bit key pair as (PKCS#8 private PEM, public PEM): for tests and the sandbox, never for
    /// production keys, which Google issues.
    public static func generateKeyPair() throws(KeyError) -> (privatePEM: String, publicPEM: String) {
        guard let context = EVP_PKEY_CTX_new_id(EVP_PKEY_RSA, nil) else { throw KeyError(description: "out of memory") }
        defer { EVP_PKEY_CTX_free(context) }
        var key: OpaquePointer?
        guard EVP_PKEY_keygen_init(context) == 1, EVP_PKEY_CTX_set_rsa_keygen_bits(context, 2048) == 1,
            EVP_PKEY_keygen(context, &key) == 1, let key
        else { throw KeyError(description: "key generation failed") }
        defer { EVP_PKEY_free(key) }
        let privatePEM = pem { PEM_write_bio_PrivateKey($0, key, nil, nil, 0, nil, nil) }
        let publicPEM = pem { PEM_write_bio_PUBKEY($0, key) }
        guard let privatePEM, let publicPEM else { throw KeyError(description: "cannot write the key as PEM") }
        return (privatePEM, publicPEM)
    }

    private static func readKey(_ pem: String, allowPublic: Bool) -> OpaquePointer? {
        var bytes = Array(pem.utf8)
        return bytes.withUnsafeMutableBytes { buffer -> OpaquePointer? in
            guard let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(buffer.count)) else { return nil }
            defer { BIO_free(bio) }
            if allowPublic, pem.contains("PUBLIC KEY") { return PEM_read_bio_PUBKEY(bio, nil, nil, nil) }
            return PEM_read_bio_PrivateKey(bio, nil, nil, nil)
        }
    }

    private static func pem(_ write: (OpaquePointer) -> Int32) -> String? {
        guard let bio = BIO_new(BIO_s_mem()) else { return nil }
        defer { BIO_free(bio) }
        guard write(bio) == 1 else { return nil }
        var pointer: UnsafeMutablePointer<CChar>?
        let length = BIO_ctrl(bio, BIO_CTRL_INFO, 0, &pointer)
        guard let pointer, length > 0 else { return nil }
        return String(decoding: UnsafeRawBufferPointer(start: pointer, count: Int(length)), as: UTF8.self)
    }
}
