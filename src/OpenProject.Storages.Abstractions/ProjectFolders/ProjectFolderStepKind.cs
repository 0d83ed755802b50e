namespace OpenProject.Storages.ProjectFolders;

/// <summary>What a <see cref="ProjectFolderStep"/> does.</summary>
public enum ProjectFolderStepKind
{
    /// <summary>Sets the root's access list: the technical user may do everything, the group may read.</summary>
    EnsureRootAccess,

    /// <summary>Creates a project's folder under the root.</summary>
    CreateFolder,

    /// <summary>Renames a project's folder after the project was renamed (a move: same id, same content).</summary>
    RenameFolder,

    /// <summary>Replaces a project folder's access list: the technical user, the group (no access) and each connected member.</summary>
    SetPermissions,

    /// <summary>Hides a folder of an inactive project, or one no project claims: only the technical user keeps access.</summary>
    HideFolder,

    /// <summary>Adds a user to the storage group.</summary>
    AddGroupMember,

    /// <summary>Removes a user from the storage group.</summary>
    RemoveGroupMember,

    /// <summary>Reads the group's members; appears in a report only when that failed, so no membership was changed.</summary>
    ReadGroupMembers,

    /// <summary>Saves the ids of created and adopted folders in <see cref="ProjectFolderSyncOptions.StateStore"/>; appears in a report only when that failed.</summary>
    SaveFolderIds,
}
