namespace OpenProject.Storages;

/// <summary>
/// How one refresh request ended (see <see cref="IStorageOAuthClient.RefreshAsync"/>): a new token, a refusal of the
/// refresh token (the user must log in again), or a failure that keeps the stored tokens. <see cref="ToString"/>
/// never shows a token.
/// </summary>
public sealed class StorageTokenRefreshResult
{
    private StorageTokenRefreshResult()
    {
    }

    /// <summary>The new token, when the server issued one.</summary>
    public StorageToken? Token { get; private init; }

    /// <summary>Why the server refused the refresh token (no secret in it), when it did.</summary>
    public string? RefusedBecause { get; private init; }

    /// <summary>Whether the refusal may be the loser's side of a rotation race with another app instance (the refresher then waits <see cref="IStorageAccountOptions.RefreshConflictGracePeriod"/> for that instance's write before logging the user out).</summary>
    public bool MayBeRotationRace { get; private init; }

    /// <summary>The HTTP status of the answer, if there was one.</summary>
    public int? HttpStatus { get; private init; }

    /// <summary>The OAuth error of a refusal (for example <c>invalid_grant</c>, or an <c>AADSTS</c> number), for <see cref="StorageException.Detail"/>.</summary>
    public string? Detail { get; private init; }

    /// <summary>The failure to report when neither a token came nor the refresh token was refused; the stored tokens are kept.</summary>
    public StorageException? Failure { get; private init; }

    /// <summary>A sound refresh token from an answer that was otherwise unusable: the server already rotated the old one, so this copy is kept.</summary>
    public string? RotatedRefreshToken { get; private init; }

    /// <summary>The server issued a new token.</summary>
    /// <param name="token">The token to store (with the rotated refresh token, or the old one when none came, and the storage user id).</param>
    /// <returns>The result.</returns>
    public static StorageTokenRefreshResult Issued(StorageToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new() { Token = token };
    }

    /// <summary>The server refused the refresh token: it is dead, the stored token is removed and the user must log in again.</summary>
    /// <param name="because">Why, for the message (for example "Entra ID refused the refresh token (invalid_grant)."); never a token.</param>
    /// <param name="httpStatus">The HTTP status.</param>
    /// <param name="detail">The OAuth error.</param>
    /// <param name="mayBeRotationRace">Whether the same answer comes for a refresh token another instance just rotated.</param>
    /// <returns>The result.</returns>
    public static StorageTokenRefreshResult Refused(string because, int? httpStatus, string? detail, bool mayBeRotationRace)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(because);
        return new() { RefusedBecause = because, HttpStatus = httpStatus, Detail = detail, MayBeRotationRace = mayBeRotationRace };
    }

    /// <summary>The refresh failed without refusing the refresh token (the server could not be reached, the client is not accepted, the answer was unusable): the stored tokens are kept.</summary>
    /// <param name="failure">What to report; its code decides the connection state (<see cref="StorageErrorCode.Unavailable"/> and the others show "no connection").</param>
    /// <param name="rotatedRefreshToken">A sound refresh token found in an unusable answer, to keep instead of the one sent.</param>
    /// <returns>The result.</returns>
    public static StorageTokenRefreshResult Failed(StorageException failure, string? rotatedRefreshToken = null)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return new() { Failure = failure, RotatedRefreshToken = rotatedRefreshToken };
    }

    /// <summary>A description without tokens.</summary>
    /// <returns>The outcome.</returns>
    public override string ToString() =>
        Token is not null ? "StorageTokenRefreshResult { Issued }"
        : RefusedBecause is not null ? $"StorageTokenRefreshResult {{ Refused, HttpStatus = {HttpStatus}, Detail = {Detail} }}"
        : $"StorageTokenRefreshResult {{ Failed = {Failure?.Code}, RotatedRefreshToken = {(RotatedRefreshToken is null ? "(none)" : "***")} }}";
}
