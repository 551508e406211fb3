from click.testing import CliRunner

from darbnica.cli import main
from darbnica.paths import Paths
from darbnica.settings import Settings, load_settings


def _write(paths: Paths, text: str) -> None:
    paths.settings.parent.mkdir(parents=True, exist_ok=True)
    paths.settings.write_text(text, encoding="utf-8")


def test_no_file_means_defaults(paths: Paths) -> None:
    assert load_settings(paths) == Settings()


def test_settings_are_read(paths: Paths) -> None:
    _write(paths, 'lang = "lv"\nplan = "follow-up-meeting"\npublic_link = "https://example.lv/d/{id}.html"\n')
    settings = load_settings(paths)
    assert (settings.lang, settings.plan, settings.public_link) == (
        "lv",
        "follow-up-meeting",
        "https://example.lv/d/{id}.html",
    )
    assert settings.problems == ()


def test_a_bad_value_is_reported_and_the_rest_is_used(paths: Paths) -> None:
    _write(paths, 'lang = "de"\ntheme = 3\nplan = "follow-up-meeting"\npublic_link = "https://x.lv"\n')
    settings = load_settings(paths)
    assert settings.plan == "follow-up-meeting" and settings.lang is None and settings.public_link is None
    assert sorted(p.params["field"] for p in settings.problems) == ["lang", "public_link", "theme"]


def test_a_broken_file_is_reported_and_defaults_are_used(paths: Paths) -> None:
    _write(paths, "lang = \n")
    settings = load_settings(paths)
    assert settings.lang is None and len(settings.problems) == 1


def test_the_cli_follows_the_settings(paths: Paths) -> None:
    _write(paths, 'lang = "lv"\nplan = "follow-up-meeting"\nnonsense = 1\n')
    runner = CliRunner()
    created = runner.invoke(main, ["new", "Otrā tikšanās"], catch_exceptions=False)
    assert created.exit_code == 0
    listed = runner.invoke(main, ["list", "--json"], catch_exceptions=False)
    assert '"plan": "follow-up-meeting"' in listed.output and '"lang": "lv"' in listed.output


def test_the_halls_wifi_is_read_and_a_name_too_long_for_one_is_reported(paths: Paths) -> None:
    _write(paths, 'wifi_name = "Tautas nams"\nwifi_password = "sēta;1234"\n')
    settings = load_settings(paths)
    assert (settings.wifi_name, settings.wifi_password, settings.problems) == ("Tautas nams", "sēta;1234", ())
    _write(paths, f'wifi_name = "{"x" * 33}"\nwifi_password = "\\u001b[2J"\n')
    settings = load_settings(paths)
    assert settings.wifi_name is None and settings.wifi_password is None
    assert sorted(p.params["field"] for p in settings.problems) == ["wifi_name", "wifi_password"]
