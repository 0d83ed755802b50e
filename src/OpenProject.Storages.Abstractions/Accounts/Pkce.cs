using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace OpenProject.Storages;

/// <summary>Random OAuth2 <c>state</c> values and PKCE (RFC 7636, S256) verifiers and challenges.</summary>
internal static class Pkce
{
    /// <summary>A 256-bit random value, base64url: unguessable and safe in a URL.</summary>
    public static string CreateState() => RandomBase64Url(32);

    /// <summary>A 86-character verifier (512 random bits), inside RFC 7636's 43–128 characters of <c>[A-Za-z0-9-._~]</c>.</summary>
    public static string CreateVerifier() => RandomBase64Url(64);

    /// <summary>The S256 challenge: base64url(SHA-256(ASCII(verifier))).</summary>
    public static string ChallengeFor(string verifier)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.ASCII.GetBytes(verifier), hash);
        return Base64Url.EncodeToString(hash);
    }

    private static string RandomBase64Url(int bytes)
    {
        Span<byte> buffer = stackalloc byte[bytes];
        RandomNumberGenerator.Fill(buffer);
        return Base64Url.EncodeToString(buffer);
    }
}
