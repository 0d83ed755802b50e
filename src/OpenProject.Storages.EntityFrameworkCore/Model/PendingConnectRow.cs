namespace OpenProject.Storages.EntityFrameworkCore;

/// <summary>A pending connect attempt of a storage account (OAuth state and PKCE verifier), as stored.</summary>
public sealed class PendingConnectRow
{
    /// <summary>The OAuth <c>state</c>, the key.</summary>
    public string State { get; set; } = string.Empty;

    /// <summary>The storage's id.</summary>
    public string StorageId { get; set; } = string.Empty;

    /// <summary>The host user who started the attempt.</summary>
    public string UserId { get; set; } = string.Empty;

    /// <summary>The PKCE code verifier.</summary>
    public string CodeVerifier { get; set; } = string.Empty;

    /// <summary>When the attempt expires, in UTC ticks (compared in queries, which every provider translates for a number).</summary>
    public long ExpiresAtUtcTicks { get; set; }

    /// <summary>Where to send the user afterwards.</summary>
    public string? ReturnUrl { get; set; }

    /// <summary>Whether a callback already took the attempt.</summary>
    public bool Used { get; set; }
}
