using OpenProject.Storages.ProjectFolders;

namespace OpenProject.Storages.Internal;

/// <summary>
/// Turns a failed project folder step into one sentence an administrator can act on: what was
/// attempted, why it failed, and what to change. OpenProject's own sync was criticised for opaque
/// errors ("Group does not exist" with no hint what to do); these messages name the user, group or
/// folder involved and the fix.
/// </summary>
internal static class ProjectFolderMessages
{
    public static string Attempt(ProjectFolderStep step, string? groupId) => step.Kind switch
    {
        ProjectFolderStepKind.EnsureRootAccess => "Setting the team folder root's permissions failed",
        ProjectFolderStepKind.CreateFolder => $"Creating the folder '{step.FolderName}' for project {step.ProjectId} failed",
        ProjectFolderStepKind.RenameFolder => $"Renaming the folder of project {step.ProjectId} from '{step.FolderName}' to '{step.NewName}' failed",
        ProjectFolderStepKind.SetPermissions => $"Setting the permissions of folder '{step.FolderName}' for project {step.ProjectId} failed",
        ProjectFolderStepKind.HideFolder => $"Hiding the folder '{step.FolderName}' failed",
        ProjectFolderStepKind.AddGroupMember => $"Adding {step.UserId} to group {groupId} failed",
        ProjectFolderStepKind.RemoveGroupMember => $"Removing {step.UserId} from group {groupId} failed",
        ProjectFolderStepKind.ReadGroupMembers => $"Reading the members of group {groupId} failed, so no one was added to or removed from it",
        _ => $"{step.Description} failed",
    };

    public static string Failure(ProjectFolderStep step, StorageException error, string? technicalUserId, string? groupId) =>
        $"{Attempt(step, groupId)}: {Reason(step, error.Code, technicalUserId, groupId)}";

    public static string Skipped(ProjectFolderStep blocker) =>
        $"Not attempted because step #{blocker.Id} failed ({blocker.Description}). It runs again on the next sync.";

    public static string RootReadFailed(StorageException error, string? technicalUserId) =>
        $"Reading the managed root folder failed, so nothing was changed: {Reason(null, error.Code, technicalUserId, groupId: null)}";

    private static string Reason(ProjectFolderStep? step, StorageErrorCode code, string? technicalUserId, string? groupId)
    {
        var kind = step?.Kind;
        if (technicalUserId is null)
        {
            // A storage whose technical user is the app itself (OneDrive): its credentials and app permissions matter.
            if (AppReason(code) is { } reason)
            {
                return reason;
            }

            technicalUserId = "the app";
        }

        if (code == StorageErrorCode.Unauthorized)
        {
            return $"the storage refused the credentials of the technical user {technicalUserId}. Check its user name and app password in the storage settings; the app password may have been revoked.";
        }

        if (code == StorageErrorCode.Forbidden)
        {
            return $"the technical user {technicalUserId} is not allowed to do this. Make sure it is a member of group {groupId ?? "of the storage"} and that the team folder is assigned to that group with all permissions.";
        }

        if (code == ProjectFolderErrorCodes.AccessRulesNotApplied)
        {
            return $"the storage answered as if the permissions were stored, but reading them back shows other permissions. The technical user {technicalUserId} probably may not manage this folder's access list: in Nextcloud, add it as a manager of the team folder's advanced permissions (ACL) and make sure advanced permissions are enabled.";
        }

        if (code == ProjectFolderErrorCodes.FolderIdCollision)
        {
            return "two projects use the same folder. Give all but one of them another folder.";
        }

        if (code == ProjectFolderErrorCodes.GroupNotFound)
        {
            return $"group {groupId} does not exist in the storage. Create it (in Nextcloud: run the OpenProject integration setup again) and make {technicalUserId} its sub-admin.";
        }

        if (code == ProjectFolderErrorCodes.UserNotFound && step?.UserId is null)
        {
            return "one or more of the folder's members do not exist in the storage's directory, so none of this step's members were given access. Their accounts may have been deleted; they must connect their storage account again.";
        }

        if (code == ProjectFolderErrorCodes.UserNotFound)
        {
            return $"user {step?.UserId} does not exist in the storage. The account may have been deleted or renamed; the user must connect their storage account again.";
        }

        if (code == ProjectFolderErrorCodes.InsufficientPrivileges)
        {
            return $"the technical user {technicalUserId} may not manage group {groupId}. Make it a sub-admin of the group (in Nextcloud: Users → {technicalUserId} → group admin for {groupId}).";
        }

        if (code == ProjectFolderErrorCodes.NoGroupSpecified)
        {
            return "no group name was sent. Set the group name in the storage settings.";
        }

        if (code == ProjectFolderErrorCodes.GroupMembershipRefused)
        {
            return $"the storage refused to change the membership. In Nextcloud this happens when {technicalUserId} would lose the last group it is sub-admin of: make sure group OpenProjectNoAutomaticProjectFolders exists and {technicalUserId} is its sub-admin.";
        }

        if (code == StorageErrorCode.NotFound)
        {
            return kind switch
            {
                ProjectFolderStepKind.CreateFolder => "the team folder root does not exist or the technical user cannot see it. Check the team folder setup.",
                ProjectFolderStepKind.RenameFolder or ProjectFolderStepKind.SetPermissions or ProjectFolderStepKind.HideFolder => "the folder no longer exists (it was deleted or moved out of the team folder). For an active project the next sync creates a new one.",
                ProjectFolderStepKind.AddGroupMember or ProjectFolderStepKind.RemoveGroupMember or ProjectFolderStepKind.ReadGroupMembers => $"group {groupId} or the user does not exist in the storage.",
                _ => $"the team folder does not exist or the technical user {technicalUserId} cannot see it. Check that the team folder exists, is assigned to group {groupId ?? "of the storage"} and that {technicalUserId} is in that group.",
            };
        }

        if (code == StorageErrorCode.Conflict)
        {
            return kind switch
            {
                ProjectFolderStepKind.CreateFolder => $"a folder named '{step?.FolderName}' already exists. Rename or remove it; or, if it is this project's folder, nothing is lost: the next sync adopts it.",
                ProjectFolderStepKind.RenameFolder => $"a folder named '{step?.NewName}' already exists beside it. Rename or remove that folder; until then the project folder keeps its old name and its permissions are still kept up to date.",
                _ => "the change conflicts with the storage's state. The next sync retries.",
            };
        }

        if (code == StorageErrorCode.Locked)
        {
            return "the folder is locked. The next sync retries.";
        }

        if (code == StorageErrorCode.InsufficientStorage)
        {
            return "the storage or the technical user's quota is full. Free space or raise the quota.";
        }

        if (code == StorageErrorCode.Unavailable)
        {
            return "the storage could not be reached or did not answer in time. The next sync retries; if it keeps failing, check that the storage is up.";
        }

        if (code == StorageErrorCode.InvalidResponse)
        {
            return "the storage answered something that cannot be read (a proxy or maintenance page, or a disabled app). Check that the storage and its team folder app are installed, enabled and reachable.";
        }

        if (code == StorageErrorCode.InvalidRequest)
        {
            return "the storage refused the request as invalid (for example a name it does not allow). Check the storage's forbidden characters setting.";
        }

        return $"the storage failed ({code}). See the detail, and the storage's log.";
    }

    private static string? AppReason(StorageErrorCode code) =>
        code == StorageErrorCode.Unauthorized ? "the storage refused the app's own credentials (OneDrive: the tenant id, client id or client secret; secrets expire). Run the setup checks to see which."
        : code == StorageErrorCode.Forbidden ? "the app may not do this. Grant it Files.ReadWrite.All and Sites.ReadWrite.All with admin consent (OneDrive), and run the setup checks."
        : code == ProjectFolderErrorCodes.AccessRulesNotApplied ? "the storage answered as if the permissions were stored, but reading them back shows other permissions. Check that the app may manage the drive's sharing (Sites.ReadWrite.All) and that nobody changes the folder's permissions at the same time."
        : code == StorageErrorCode.NotFound ? "the folder or the drive's root no longer exists, or the app cannot see it. For an active project the next sync creates a new folder."
        : null;
}
