//! Reading an Atom feed in tests, with an XML parser this project did not write.

pub struct Entry {
    pub id: String,
    pub title: String,
    pub summary: String,
}

/// The entries of an Atom feed, read with an XML parser (quick-xml) that also checks it is
/// well formed.
pub fn atom_entries(xml: &str) -> Vec<Entry> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let (mut entries, mut path, mut root) = (Vec::new(), Vec::<String>::new(), None);
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                if root.is_none() {
                    let ns = e
                        .try_get_attribute("xmlns")
                        .unwrap()
                        .map(|a| a.unescape_value().unwrap().into_owned());
                    root = Some((name.clone(), ns));
                }
                if name == "entry" {
                    entries.push(Entry {
                        id: String::new(),
                        title: String::new(),
                        summary: String::new(),
                    });
                }
                path.push(name);
            }
            Event::End(_) => {
                path.pop();
            }
            Event::Text(t) => {
                let text = t.decode().unwrap().into_owned();
                let text = quick_xml::escape::unescape(&text).unwrap().into_owned();
                if let (Some(entry), [.., parent, field]) = (entries.last_mut(), path.as_slice()) {
                    if parent == "entry" {
                        match field.as_str() {
                            "id" => entry.id = text,
                            "title" => entry.title = text,
                            "summary" => entry.summary = text,
                            _ => {}
                        }
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(
        root,
        Some(("feed".into(), Some("http://www.w3.org/2005/Atom".into()))),
        "an Atom feed"
    );
    entries
}
