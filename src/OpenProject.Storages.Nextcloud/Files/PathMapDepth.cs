namespace OpenProject.Storages.Nextcloud;

/// <summary>How deep <see cref="NextcloudFileStorage.GetPathToIdMapAsync"/> looks below a folder (the WebDAV <c>Depth</c> header).</summary>
public enum PathMapDepth
{
    /// <summary>Only the folder itself (<c>Depth: 0</c>).</summary>
    Self,

    /// <summary>The folder and its direct children (<c>Depth: 1</c>).</summary>
    Children,

    /// <summary>The folder and everything below it (<c>Depth: infinity</c>); can be slow on large trees.</summary>
    All,
}
