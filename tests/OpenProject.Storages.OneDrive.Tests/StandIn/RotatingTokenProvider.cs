using System.Collections.Concurrent;

namespace OpenProject.Storages.OneDrive.Tests.StandIn;

/// <summary>
/// Per-user Graph tokens for tests. A token the storage reports as rejected is replaced by the next one queued
/// for the user (a refresh), or the user must log in again when none is left.
/// </summary>
internal sealed class RotatingTokenProvider : IStorageAccessTokenProvider
{
    private readonly ConcurrentDictionary<HostUserId, Queue<string>> _tokens = new();

    public int Refreshes { get; private set; }

    public void Connect(HostUserId user, params string[] tokens) => _tokens[user] = new Queue<string>(tokens);

    public ValueTask<StorageAccessToken> GetAccessTokenAsync(StorageId storage, HostUserId user, string? rejectedAccessToken = null, CancellationToken cancellationToken = default)
    {
        if (!_tokens.TryGetValue(user, out var queue))
        {
            return ValueTask.FromException<StorageAccessToken>(new StorageException(StorageErrorCode.Unauthorized, "The user has not connected a OneDrive account."));
        }

        lock (queue)
        {
            if (rejectedAccessToken is not null && queue.TryPeek(out var current) && current == rejectedAccessToken)
            {
                queue.Dequeue();
                Refreshes++;
            }

            return queue.TryPeek(out var token)
                ? ValueTask.FromResult(new StorageAccessToken { Value = token, StorageUserId = user.Value, ExpiresAt = DateTimeOffset.UtcNow.AddHours(1) })
                : ValueTask.FromException<StorageAccessToken>(new StorageException(StorageErrorCode.Unauthorized, "The OneDrive login expired; log in again."));
        }
    }
}
