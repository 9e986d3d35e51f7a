using System.Text.Json.Nodes;
using Masthead.Publishing.Addresses;
using Masthead.Publishing.Settings;
using Masthead.Publishing.Theme;

namespace Masthead.ContentApi;

/// <summary>
/// The site settings in the shape of Ghost's <c>settings</c> resource: every key Ghost 6 sends, Masthead's own values
/// where it has them (title, tagline, time zone, address, navigation), nulls and Ghost's defaults for Ghost-only features.
/// </summary>
public static class GhostSettings
{
    private static readonly string[] NullFields =
    [
        "logo", "icon", "accent_color", "cover_image", "facebook", "twitter", "threads", "bluesky", "mastodon", "tiktok", "youtube",
        "instagram", "linkedin",
    ];

    private static readonly string[] NullMetaFields =
        ["meta_title", "meta_description", "og_image", "og_title", "og_description", "twitter_image", "twitter_title", "twitter_description"];

    public static JsonObject For(SiteSettings settings, SiteView site, string version)
    {
        var json = new JsonObject { ["title"] = site.Name, ["description"] = site.Tagline ?? "" };
        foreach (var field in NullFields) json[field] = null;
        json["locale"] = "en";
        json["timezone"] = settings.TimeZone;
        json["codeinjection_head"] = null;
        json["codeinjection_foot"] = null;
        json["navigation"] = new JsonArray(Link("Home", "/"), Link("Become a Member", SiteRoutes.Membership));
        json["secondary_navigation"] = new JsonArray(Link("Search", "/search"), Link("RSS", "/feed/"));
        foreach (var field in NullMetaFields) json[field] = null;
        json["members_support_address"] = "noreply";
        json["members_enabled"] = false;
        json["donations_enabled"] = false;
        json["allow_self_signup"] = false;
        json["members_invite_only"] = false;
        json["members_signup_access"] = "none";
        json["paid_members_enabled"] = false;
        json["firstpromoter_account"] = null;
        json["portal_button_style"] = "icon-and-text";
        json["portal_button_signup_text"] = "Subscribe";
        json["portal_button_icon"] = null;
        json["portal_signup_terms_html"] = null;
        json["portal_signup_checkbox_required"] = false;
        json["portal_signup_gift_promotion"] = false;
        json["portal_account_gift_promotion"] = false;
        json["portal_plans"] = new JsonArray("free");
        json["portal_default_plan"] = "yearly";
        json["portal_name"] = true;
        json["portal_button"] = false;
        // Ghost's values: "off", "all" (members) or "paid"; anyone-may-comment has no Ghost name and shows as "all".
        json["comments_enabled"] = site.CommentsMode == Comments.CommentsMode.Closed ? "off" : "all";
        json["recommendations_enabled"] = false;
        json["outbound_link_tagging"] = false;
        json["default_email_address"] = "noreply@" + new Uri(site.BaseUrl).Host;
        json["support_email_address"] = "noreply@" + new Uri(site.BaseUrl).Host;
        json["editor_default_email_recipients"] = "disabled";
        json["labs"] = new JsonObject();
        json["transistor_portal_enabled"] = false;
        json["transistor_portal_heading"] = "";
        json["transistor_portal_description"] = "";
        json["transistor_portal_button_text"] = "";
        json["transistor_portal_url_template"] = "";
        json["site_uuid"] = settings.SiteUuid.ToString();
        json["lang"] = "en";
        json["url"] = site.BaseUrl + "/";
        json["version"] = version;
        return json;
    }

    private static JsonObject Link(string label, string url) => new() { ["label"] = label, ["url"] = url };
}
