namespace OpenProject.Storages.Testing;

/// <summary>The requests an <see cref="InMemoryProjectFolderStorage"/> answers; faults are injected and requests counted per operation.</summary>
public enum ProjectFolderOperation
{
    /// <summary><see cref="ProjectFolders.IProjectFolderStorage.ReadManagedRootAsync"/>.</summary>
    ReadManagedRoot,

    /// <summary><see cref="ProjectFolders.IProjectFolderStorage.GetAccessRulesAsync"/>.</summary>
    GetAccessRules,

    /// <summary><see cref="ProjectFolders.IProjectFolderStorage.CreateFolderAsync"/> (a write).</summary>
    CreateFolder,

    /// <summary><see cref="ProjectFolders.IProjectFolderStorage.RenameFolderAsync"/> (a write).</summary>
    RenameFolder,

    /// <summary><see cref="ProjectFolders.IProjectFolderStorage.SetAccessRulesAsync"/> (a write).</summary>
    SetAccessRules,

    /// <summary><see cref="ProjectFolders.IProjectFolderGroups.GetGroupMembersAsync"/>.</summary>
    GetGroupMembers,

    /// <summary><see cref="ProjectFolders.IProjectFolderGroups.AddGroupMemberAsync"/> (a write).</summary>
    AddGroupMember,

    /// <summary><see cref="ProjectFolders.IProjectFolderGroups.RemoveGroupMemberAsync"/> (a write).</summary>
    RemoveGroupMember,
}
