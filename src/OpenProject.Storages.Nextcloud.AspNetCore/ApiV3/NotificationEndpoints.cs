using Microsoft.AspNetCore.Http;
using OpenProject.Storages.WorkPackages;
using static OpenProject.Storages.Nextcloud.AspNetCore.ApiV3.HalResults;

namespace OpenProject.Storages.Nextcloud.AspNetCore.ApiV3;

/// <summary>The dashboard widget: unread notifications, and marking a work package's notifications read.</summary>
internal static class NotificationEndpoints
{
    /// <summary><c>GET /api/v3/notifications?pageSize=-1&amp;filters=[{"readIAN":{"operator":"=","values":["f"]}}]</c>.</summary>
    public static async Task<IResult> ListAsync(HttpContext http, INotificationInbox inbox, CancellationToken cancellationToken)
    {
        var filters = ApiFilter.Parse(http.Request.Query["filters"], "readIAN");
        // Only unread notifications are kept for the widget: asking for read ones answers none.
        var unread = filters.All(f => f.Values.Any(v => v is "f" or "false"));
        var notifications = unread ? await inbox.ListUnreadAsync(ApiV3Filter.User(http), cancellationToken).ConfigureAwait(false) : [];
        var api = ApiRepresentations.For(http);
        return Json(Collection("Collection", notifications.Select(api.Notification), api.Base + "/notifications" + http.Request.QueryString, pageSize: -1));
    }

    /// <summary><c>POST /api/v3/notifications/read_ian?filters=[{"resourceId":{"operator":"=","values":["42"]}}]</c>, no body: 204.</summary>
    public static async Task<IResult> MarkReadAsync(HttpContext http, INotificationInbox inbox, CancellationToken cancellationToken)
    {
        var filters = ApiFilter.Parse(http.Request.Query["filters"], "resourceId");
        var ids = filters.SelectMany(f => f.Values).Select(value => ApiRequest.Id(value, "work package")).Distinct().ToList();
        if (ids.Count == 0)
        {
            throw ApiProblem.InvalidQuery("Name the work packages whose notifications are read with a resourceId filter.");
        }

        foreach (var id in ids)
        {
            await inbox.MarkReadAsync(ApiV3Filter.User(http), id, cancellationToken).ConfigureAwait(false);
        }

        return Results.NoContent();
    }
}
