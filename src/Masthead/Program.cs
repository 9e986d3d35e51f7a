using Masthead.Articles;
using Masthead.Authors;
using Masthead.Cli;
using Masthead.Data;
using Masthead.Importing;
using Masthead.Publishing;
using Masthead.Publishing.Demo;
using Masthead.Taxonomy;

if (MastheadCli.IsCommand(args))
    return await MastheadCli.RunAsync(args, AddCore);

var builder = WebApplication.CreateBuilder(MastheadCli.WebArgs(args));
AddCore(builder.Services);
builder.Services.AddPublicSite();
builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning).AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls("http://localhost:5080");

var app = builder.Build();
await DatabaseSetup.MigrateAsync(app.Services);
await DemoContent.ImportIfEmptyAsync(app.Services, app.Configuration);

app.UseThemeAssets();
app.UseRouting();
app.MapArticles();
app.MapAuthors();
app.MapTerms();
app.MapPublicSite();
await app.RunAsync();
return 0;

// What the site and the command line share.
static void AddCore(IServiceCollection services)
{
    services.AddMastheadDb();
    services.AddSingleton(TimeProvider.System);
    services.AddSingleton<BodyRenderer>();
    services.AddImporting();
}
