using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace OpenProject.Storages.EntityFrameworkCore;

/// <summary>
/// Protects secrets at rest (tokens, PKCE verifiers) with ASP.NET Core Data Protection, one purpose per kind,
/// when the host gave a provider. A protected value carries a prefix, so values written before protection was
/// turned on are still read (and protected at their next write).
/// </summary>
internal sealed class SecretProtection
{
    private const string Prefix = "dp1:";
    private readonly IDataProtector? _protector;

    public SecretProtection(IDataProtectionProvider? provider, string purpose) =>
        _protector = provider?.CreateProtector("OpenProject.Storages.EntityFrameworkCore", purpose, "v1");

    public string? Protect(string? value) =>
        value is null || _protector is null ? value : Prefix + _protector.Protect(value);

    public string? Unprotect(string? stored)
    {
        if (stored is null || !stored.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return stored;
        }

        if (_protector is null)
        {
            throw new StorageException(StorageErrorCode.NotConfigured, "A stored secret is protected with ASP.NET Core Data Protection, but the store was given no IDataProtectionProvider. Register Data Protection (with the same key ring and application name) and turn ProtectSecrets on.");
        }

        try
        {
            return _protector.Unprotect(stored[Prefix.Length..]);
        }
        catch (CryptographicException exception)
        {
            throw new StorageException(StorageErrorCode.NotConfigured, "A stored secret cannot be unprotected: the Data Protection key ring is not the one it was protected with (keys lost, or another application name). Share the key ring between the app instances.", innerException: exception);
        }
    }
}
