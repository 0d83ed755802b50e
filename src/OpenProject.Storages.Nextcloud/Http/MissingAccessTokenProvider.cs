namespace OpenProject.Storages.Nextcloud.Http;

/// <summary>
/// Stands in when the host registered no <see cref="IStorageAccessTokenProvider"/>: technical-user
/// calls still work, and a user-bound call fails with a <see cref="StorageErrorCode.NotConfigured"/>
/// error that says what to register.
/// </summary>
internal sealed class MissingAccessTokenProvider : IStorageAccessTokenProvider
{
    public static MissingAccessTokenProvider Instance { get; } = new();

    public ValueTask<StorageAccessToken> GetAccessTokenAsync(StorageId storage, HostUserId user, string? rejectedAccessToken = null, CancellationToken cancellationToken = default) =>
        throw NextcloudErrors.NoTokenProvider();
}
