using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ClaimDesk.Tests.Unit;

public sealed class SettingsTests
{
    [Theory]
    [InlineData("Sqlite", DatabaseProvider.Sqlite)]
    [InlineData("postgres", DatabaseProvider.Postgres)]
    [InlineData(" POSTGRES ", DatabaseProvider.Postgres)]
    public void Provider_names_are_read_whatever_their_case(string name, DatabaseProvider expected) =>
        Assert.Equal(expected, DatabaseSetup.ParseProvider(name));

    [Theory]
    [InlineData("Oracle")]
    [InlineData("1")]
    [InlineData("")]
    [InlineData(null)]
    public void An_unknown_provider_is_refused_naming_the_setting(string? name)
    {
        var error = Assert.Throws<StartupException>(() => DatabaseSetup.ParseProvider(name));

        Assert.Contains("ClaimDesk:Database:Provider", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_generated_administrator_password_satisfies_the_password_policy()
    {
        var options = new IdentityOptions();
        options.Password.RequiredLength = 10;
        var validator = new PasswordValidator<AppUser>();
        var users = new UserManager<AppUser>(new NoStore(), Options.Create(options), null!, [], [validator], null!, null!, null!, null!);

        for (var i = 0; i < 200; i++)
        {
            var password = AccountSeeder.GeneratePassword();
            var result = await validator.ValidateAsync(users, new AppUser(), password);
            Assert.True(result.Succeeded, password);
        }

        Assert.NotEqual(AccountSeeder.GeneratePassword(), AccountSeeder.GeneratePassword());
    }

    private sealed class NoStore : IUserStore<AppUser>
    {
        public void Dispose()
        {
        }

        public Task<string> GetUserIdAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(user.Id);
        public Task<string?> GetUserNameAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(user.UserName);
        public Task SetUserNameAsync(AppUser user, string? userName, CancellationToken cancellationToken) => Task.CompletedTask;
        public Task<string?> GetNormalizedUserNameAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(user.NormalizedUserName);
        public Task SetNormalizedUserNameAsync(AppUser user, string? normalizedName, CancellationToken cancellationToken) => Task.CompletedTask;
        public Task<IdentityResult> CreateAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(IdentityResult.Success);
        public Task<IdentityResult> UpdateAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(IdentityResult.Success);
        public Task<IdentityResult> DeleteAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(IdentityResult.Success);
        public Task<AppUser?> FindByIdAsync(string userId, CancellationToken cancellationToken) => Task.FromResult<AppUser?>(null);
        public Task<AppUser?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken) => Task.FromResult<AppUser?>(null);
    }
}
