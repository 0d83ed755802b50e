namespace OpenProject.Storages;

/// <summary>
/// A "connect your account" attempt between the authorize redirect and the callback, as an
/// <see cref="IStorageConnectStateStore"/> keeps it. <see cref="ToString"/> hides the state and the
/// PKCE verifier.
/// </summary>
public sealed record PendingStorageConnect
{
    /// <summary>The OAuth2 <c>state</c> sent to the storage's authorization server; the key of the attempt.</summary>
    public required string State { get; init; }

    /// <summary>The storage the user connects to.</summary>
    public required StorageId Storage { get; init; }

    /// <summary>The host user who started the attempt; only they may complete it.</summary>
    public required HostUserId User { get; init; }

    /// <summary>The PKCE <c>code_verifier</c> (a secret until the code is exchanged).</summary>
    public required string CodeVerifier { get; init; }

    /// <summary>When the attempt expires.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Where the host wants to send the user afterwards, as it passed it in; the host must check it is one of its own pages.</summary>
    public string? ReturnUrl { get; init; }

    /// <summary>Whether a callback already used this state. A store sets it when the state is taken.</summary>
    public bool Used { get; init; }

    /// <summary>A description without the state and the verifier.</summary>
    /// <returns>The storage, user and expiry.</returns>
    public override string ToString() => $"PendingStorageConnect {{ Storage = {Storage}, User = {User}, ExpiresAt = {ExpiresAt:O}, Used = {Used}, State = ***, CodeVerifier = *** }}";
}
