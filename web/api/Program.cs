using MovieGen.Api.Admin;
using MovieGen.Api.Clients;
using MovieGen.Api.Jobs;
using MovieGen.Api.Operations;
using MovieGen.Api.Pages;
using MovieGen.Api.Security;
using MovieGen.Api.Settings;
using Prometheus;

var builder = WebApplication.CreateBuilder(args);

builder.AddProductionChecks();
builder.AddClientAddresses();
builder.AddJobs();
builder.AddSharedDataProtection();
builder.AddPages();
builder.AddOperations();
builder.AddAdmin();

var app = builder.Build();

// The request pipeline, in order. The client address first (X-Forwarded-For only from
// TRUSTED_PROXIES), so everything after it — limits, the sign-in throttle — sees the real client;
// security headers before the error handler, so error pages carry them too; sign-in and its
// throttle last (only the dashboard's endpoints ask for them).
app.UseForwardedHeaders();
app.UseSecurityHeaders();
app.UseExceptionHandler();
app.UseHttpMetrics();
app.UseStaticFiles(PageAssets.StaticFiles());
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapPages();
app.MapJobsApi();
app.MapOpenApi();
app.MapOperations();
app.MapAdmin();

return await app.RunWithSettingsCheckAsync();

public partial class Program;
