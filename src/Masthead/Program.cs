using Masthead;
using Masthead.Admin;
using Masthead.Admin.Articles;
using Masthead.Articles;
using Masthead.Comments;
using Masthead.Authors;
using Masthead.Cli;
using Masthead.ContentApi;
using Masthead.Data;
using Masthead.Feeds;
using Masthead.Members;
using Masthead.Newsletters;
using Masthead.Operations;
using Masthead.Publishing.Delivery;
using Masthead.Publishing.Demo;
using Masthead.Publishing.Errors;
using Masthead.Publishing.Links;
using Masthead.Publishing.Sharing;
using Masthead.Publishing.Theme;
using Masthead.Search;
using Masthead.Sitemaps;
using Masthead.Taxonomy;

if (MastheadCli.IsCommand(args))
    return await MastheadCli.RunAsync(args, services => services.AddMastheadCore());

var builder = WebApplication.CreateBuilder(MastheadCli.WebArgs(args));
builder.Services.AddMastheadCore();
builder.Services.AddPublicSite();
builder.Services.AddBackOffice();
builder.Services.AddScheduledPublishing();
builder.Services.AddLinkChecking();
builder.Services.AddSearch();
builder.Services.AddSiteDelivery();
builder.Services.AddContentApi();
builder.Services.AddErrorPages();
builder.Services.AddMembers();
builder.Services.AddNewsletters();
builder.Services.AddComments();
builder.Services.AddOperations(builder.Configuration);
// Hosting's request logger off: while it is on, every request makes an Activity and a log scope even when nothing
// reads them (traces, when configured, still make one). Errors are logged with their path and request id by ErrorPages.
builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning).AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
    .AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls("http://localhost:5080");

var app = builder.Build();
if (StartupChecks.ConfigurationProblem(app.Services) is { } problem)
{
    await Console.Error.WriteLineAsync(problem);
    return 2;
}
if (await DatabaseSetup.PrepareAsync(app.Services) is { } pending)
    app.Logger.LogWarning("{Pending} Until then /readyz answers 503.", pending);
else
    await DemoContent.ImportIfEmptyAsync(app.Services);

app.UseErrorPages();
app.UseSiteDelivery();
app.UseThemeAssets();
app.UseBackOfficeAssets();
app.UseRouting();
app.UseCors();
app.UseAuthentication();
app.UseAuthorization();
app.MapOperations();
app.MapBackOffice();
app.MapArticlePreview();
app.MapArticles();
app.MapAuthors();
app.MapTerms();
app.MapSearch();
app.MapFeeds();
app.MapSitemaps();
app.MapShareLinks();
app.MapMembers();
app.MapNewsletters();
app.MapComments();
app.MapContentApi();
app.MapPublicSite();
await app.RunAsync();
return 0;

