namespace OpenProject.Storages.Nextcloud.Http;

/// <summary>Who one operation runs as: the actor, their Nextcloud user id and, for a user, the token already fetched.</summary>
internal sealed record NextcloudRequestContext(StorageActor Actor, string StorageUserId, StorageAccessToken? Token);
