use super::*;

#[test]
fn only_http_and_https_are_fetched() {
    assert!(check_url("http://example.org/a").is_ok());
    assert!(check_url("HTTPS://example.org").is_ok());
    for bad in [
        "file:///etc/passwd",
        "javascript:alert(1)",
        "ftp://example.org/",
        "data:text/html,hi",
        "http://",
        "http:///path",
    ] {
        let error = check_url(bad).unwrap_err().to_string();
        assert!(error.starts_with(&format!("{bad}: ")), "{error}");
    }
    assert_eq!(
        check_url("file:///etc/passwd").unwrap_err().to_string(),
        "file:///etc/passwd: refused: only http and https addresses are fetched"
    );
}

#[test]
fn addresses_are_told_from_file_names() {
    assert!(is_url("https://example.org"));
    assert!(is_url("javascript:alert(1)"));
    assert!(is_url("file:///etc/passwd"));
    assert!(!is_url("page.html"));
    assert!(!is_url("./a:b.html"));
    assert!(!is_url("C:\\page.html"));
}

#[test]
fn a_status_names_its_reason() {
    let response = Response {
        url: "https://x/y".to_owned(),
        status: 404,
        content_type: None,
        etag: None,
        last_modified: None,
        retry_after: None,
        location: None,
        cache_control: None,
        expires: None,
        body: Vec::new(),
    };
    assert!(!response.is_success());
    assert_eq!(
        response.status_error().to_string(),
        "https://x/y: HTTP 404 Not Found"
    );
}
