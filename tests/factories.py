import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    """A person whose e-mail address is already verified, as after sign-up."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        """UserFactory(verified_email=False) makes a person who has not yet clicked the link."""
        if create:
            verified = extracted is not False
            EmailAddress.objects.create(user=self, email=self.email, verified=verified, primary=True)
