using System.Collections.Concurrent;

namespace OpenProject.Storages.Nextcloud.Tests.StandIn;

/// <summary>
/// Hands each host user the access token the <see cref="StatefulNextcloud"/> issued for their Nextcloud
/// account. A token the server rejects cannot be refreshed: the same token comes back, so the server's
/// 401 reaches the provider's error mapping.
/// </summary>
internal sealed class StandInTokenProvider : IStorageAccessTokenProvider
{
    private readonly ConcurrentDictionary<HostUserId, (string Token, string StorageUserId)> _accounts = new();

    public void Connect(HostUserId user, string storageUserId, string token) => _accounts[user] = (token, storageUserId);

    public ValueTask<StorageAccessToken> GetAccessTokenAsync(StorageId storage, HostUserId user, string? rejectedAccessToken = null, CancellationToken cancellationToken = default) =>
        _accounts.TryGetValue(user, out var account)
            ? ValueTask.FromResult(new StorageAccessToken { Value = account.Token, StorageUserId = account.StorageUserId, ExpiresAt = DateTimeOffset.UtcNow.AddHours(1) })
            : ValueTask.FromException<StorageAccessToken>(new StorageException(StorageErrorCode.Unauthorized, "The user has not connected a Nextcloud account."));
}
