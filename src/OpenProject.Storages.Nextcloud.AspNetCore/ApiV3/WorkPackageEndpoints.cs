using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using OpenProject.Storages.WorkPackages;
using static OpenProject.Storages.Nextcloud.AspNetCore.ApiV3.HalResults;

namespace OpenProject.Storages.Nextcloud.AspNetCore.ApiV3;

/// <summary>
/// <c>GET /api/v3/work_packages</c> with the filters the app sends: the OpenProject tab's linked work packages
/// (<c>file_link_origin_id</c> + <c>linkable_to_storage_url</c>), search (<c>typeahead</c>, also for an id typed as
/// text), link previews (<c>id</c>); the unified search and the smart picker send only <c>typeahead</c>.
/// </summary>
internal static class WorkPackageEndpoints
{
    private static readonly string[] Filters = ["typeahead", "id", "file_link_origin_id", "linkable_to_storage_url"];
    private static readonly string[] SortFields = ["updatedAt", "createdAt", "id", "subject"];

    // Longer than any storage's file id (the EF Core store holds 400 characters): such a value links nothing.
    private const int MaxFileIdLength = 400;

    public static async Task<IResult> ListAsync(
        HttpContext http,
        IWorkPackageDirectory directory,
        FileLinkService fileLinks,
        IFileLinkAuthorization authorization,
        StorageUrl storageUrl,
        IOptions<NextcloudIntegrationOptions> options,
        CancellationToken cancellationToken)
    {
        var user = ApiV3Filter.User(http);
        var filters = ApiFilter.Parse(http.Request.Query["filters"], Filters);
        var sort = ApiFilter.ParseSort(http.Request.Query["sortBy"], SortFields);
        var (pageSize, offset) = ApiRequest.Paging(http, options.Value);
        var found = await FindAsync(user, filters, pageSize * offset, directory, fileLinks, authorization, storageUrl, cancellationToken).ConfigureAwait(false);

        var sorted = Sort(found, sort).ToList();
        var api = ApiRepresentations.For(http);
        var page = sorted.Skip((offset - 1) * pageSize).Take(pageSize).Select(wp => api.WorkPackage(wp));
        return Json(Collection("WorkPackageCollection", page, api.Base + "/work_packages" + http.Request.QueryString, pageSize, offset, sorted.Count));
    }

    private static async Task<IReadOnlyList<WorkPackage>> FindAsync(
        HostUserId user,
        IReadOnlyList<ApiFilter> filters,
        int limit,
        IWorkPackageDirectory directory,
        FileLinkService fileLinks,
        IFileLinkAuthorization authorization,
        StorageUrl storageUrl,
        CancellationToken cancellationToken)
    {
        var linkable = filters.Where(f => f.Name == "linkable_to_storage_url").ToList();
        if (linkable.Any(f => !f.Values.Any(storageUrl.Matches)))
        {
            // No work package is linkable to a storage this host does not know.
            return [];
        }

        List<WorkPackage>? found = null;
        foreach (var filter in filters.Where(f => f.Name != "linkable_to_storage_url"))
        {
            IReadOnlyList<WorkPackage> matches = filter.Name switch
            {
                "typeahead" => await SearchAsync(user, filter, limit, directory, cancellationToken).ConfigureAwait(false),
                "id" => await directory.GetAsync(user, Ids(filter, "="), cancellationToken).ConfigureAwait(false),
                _ => await LinkedToAsync(user, filter, directory, fileLinks, storageUrl, cancellationToken).ConfigureAwait(false),
            };
            found = found is null ? [.. matches] : [.. found.IntersectBy(matches.Select(wp => wp.Id), wp => wp.Id)];
        }

        if (found is null)
        {
            throw ApiProblem.InvalidQuery("Filter work packages by typeahead, id or file_link_origin_id.");
        }

        if (linkable.Count > 0 && filters.Any(f => f.Name == "typeahead"))
        {
            // Searching to link a file: only work packages the user may add file links to.
            var allowed = new List<WorkPackage>(found.Count);
            foreach (var wp in found)
            {
                if (await authorization.CanManageFileLinksAsync(user, wp.Container, cancellationToken).ConfigureAwait(false))
                {
                    allowed.Add(wp);
                }
            }

            found = allowed;
        }

        return found;
    }

    private static Task<IReadOnlyList<WorkPackage>> SearchAsync(HostUserId user, ApiFilter filter, int limit, IWorkPackageDirectory directory, CancellationToken cancellationToken)
    {
        Operator(filter, "**");
        var text = string.Join(' ', filter.Values).Trim();
        return text.Length == 0
            ? Task.FromResult<IReadOnlyList<WorkPackage>>([])
            : directory.SearchAsync(user, text.Length > 200 ? text[..200] : text, Math.Max(limit, 1), cancellationToken);
    }

    private static async Task<IReadOnlyList<WorkPackage>> LinkedToAsync(HostUserId user, ApiFilter filter, IWorkPackageDirectory directory, FileLinkService fileLinks, StorageUrl storageUrl, CancellationToken cancellationToken)
    {
        Operator(filter, "=");
        var containers = new HashSet<long>();
        foreach (var value in filter.Values.Where(v => !string.IsNullOrWhiteSpace(v) && v.Length <= MaxFileIdLength).Distinct(StringComparer.Ordinal))
        {
            foreach (var link in await fileLinks.ListLinksToFileAsync(user, storageUrl.Storage, new FileId(value), cancellationToken).ConfigureAwait(false))
            {
                if (link.Container.Type == ContainerRef.WorkPackageType && long.TryParse(link.Container.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                {
                    containers.Add(id);
                }
            }
        }

        return containers.Count == 0 ? [] : await directory.GetAsync(user, containers, cancellationToken).ConfigureAwait(false);
    }

    private static List<long> Ids(ApiFilter filter, string op)
    {
        Operator(filter, op);
        return [.. filter.Values.Select(value => ApiRequest.Id(value, "work package"))];
    }

    private static void Operator(ApiFilter filter, string expected)
    {
        if (filter.Operator != expected)
        {
            throw ApiProblem.InvalidQuery($"Filter '{filter.Name}' takes the operator '{expected}'.");
        }
    }

    private static IEnumerable<WorkPackage> Sort(IEnumerable<WorkPackage> found, IReadOnlyList<(string Field, bool Descending)> sort)
    {
        if (sort.Count == 0)
        {
            return found.OrderByDescending(wp => wp.UpdatedAt).ThenByDescending(wp => wp.Id);
        }

        IOrderedEnumerable<WorkPackage>? ordered = null;
        foreach (var (field, descending) in sort)
        {
            Func<WorkPackage, IComparable> key = field switch
            {
                "updatedAt" => wp => wp.UpdatedAt,
                "createdAt" => wp => wp.CreatedAt,
                "subject" => wp => wp.Subject,
                _ => wp => wp.Id,
            };
            ordered = ordered is null
                ? (descending ? found.OrderByDescending(key) : found.OrderBy(key))
                : (descending ? ordered.ThenByDescending(key) : ordered.ThenBy(key));
        }

        return ordered!;
    }
}
