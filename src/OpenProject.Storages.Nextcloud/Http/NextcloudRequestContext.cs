namespace OpenProject.Storages.Nextcloud.Http;

/// <summary>Who one operation runs as: the actor and their Nextcloud user id (for WebDAV paths).</summary>
internal sealed record NextcloudRequestContext(StorageActor Actor, string StorageUserId);
