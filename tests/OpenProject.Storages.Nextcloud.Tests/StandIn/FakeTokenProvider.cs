using System.Collections.Concurrent;

namespace OpenProject.Storages.Nextcloud.Tests.StandIn;

/// <summary>Hands out <c>token-1</c>, then <c>token-2</c> once <c>token-1</c> was rejected; records each call.</summary>
internal sealed class FakeTokenProvider : IStorageAccessTokenProvider
{
    public const string FirstToken = "secret-access-token-1";
    public const string RefreshedToken = "secret-access-token-2";

    private string _current = FirstToken;

    public string StorageUserId { get; set; } = "alice";

    public bool CanRefresh { get; set; } = true;

    public ConcurrentQueue<string?> Calls { get; } = new();

    public ValueTask<StorageAccessToken> GetAccessTokenAsync(StorageId storage, HostUserId user, string? rejectedAccessToken = null, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue(rejectedAccessToken);
        if (rejectedAccessToken is not null && rejectedAccessToken == _current)
        {
            if (!CanRefresh)
            {
                throw new StorageException(StorageErrorCode.Unauthorized, "The user must log in to Nextcloud again.");
            }

            _current = RefreshedToken;
        }

        return ValueTask.FromResult(new StorageAccessToken { Value = _current, StorageUserId = StorageUserId, ExpiresAt = DateTimeOffset.UtcNow.AddHours(1) });
    }
}
