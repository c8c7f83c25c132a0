using Diplotrack.Data.Identity;
using FluentValidation;

namespace Diplotrack.Features.Users;

public sealed class AddUserRequest
{
    public string? Email { get; set; }
    public string? Role { get; set; }
}

public sealed class CreateTokenRequest
{
    /// <summary>Whose token; the signed-in user's own when empty.</summary>
    public string? UserEmail { get; set; }
    public string? Name { get; set; }
}

public sealed class AddUserValidator : AbstractValidator<AddUserRequest>
{
    public AddUserValidator()
    {
        RuleFor(x => x.Email).NotEmpty().WithMessage("Enter an e-mail address.").MaximumLength(256)
            .EmailAddress().WithMessage("Enter a valid e-mail address.");
        RuleFor(x => x.Role).Must(r => r is not null && Roles.All.Contains(r))
            .WithMessage($"Choose a role: {string.Join(", ", Roles.All)}.");
    }
}

public sealed class CreateTokenValidator : AbstractValidator<CreateTokenRequest>
{
    public CreateTokenValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Name the token after what will use it.").MaximumLength(200);
        RuleFor(x => x.UserEmail).MaximumLength(256);
    }
}
