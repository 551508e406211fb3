"""The hall's Wi-Fi as a phone camera reads it."""

from darbnica.share.wifi import wifi_payload


def test_a_wpa_network_is_named_with_its_password() -> None:
    assert wifi_payload("Tautas nams", "seta-1234") == "WIFI:T:WPA;S:Tautas nams;P:seta-1234;;"


def test_the_characters_the_form_uses_are_escaped_in_the_name_and_the_password() -> None:
    assert wifi_payload('a;b,c:d"e\\f', ";:") == 'WIFI:T:WPA;S:a\\;b\\,c\\:d\\"e\\\\f;P:\\;\\:;;'


def test_an_open_network_needs_no_password() -> None:
    assert wifi_payload("Bibliotēka") == "WIFI:T:nopass;S:Bibliotēka;;"
    assert wifi_payload("Bibliotēka", "") == "WIFI:T:nopass;S:Bibliotēka;;"
