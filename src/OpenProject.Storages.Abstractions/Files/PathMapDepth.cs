namespace OpenProject.Storages;

/// <summary>How deep <see cref="IPathToIdMapping.GetPathToIdMapAsync"/> looks below a folder.</summary>
public enum PathMapDepth
{
    /// <summary>Only the folder itself (WebDAV <c>Depth: 0</c>).</summary>
    Self,

    /// <summary>The folder and its direct children (WebDAV <c>Depth: 1</c>).</summary>
    Children,

    /// <summary>The folder and everything below it (WebDAV <c>Depth: infinity</c>); can be slow on large trees.</summary>
    All,
}
