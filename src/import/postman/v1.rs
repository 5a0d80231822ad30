//! Postman Collection v1 (`order`, `folders`, `requests`) read as the v2.1 collection it stands
//! for, so that one importer serves both: folders nested by their `folders_order`, requests
//! placed by the `order` lists, and each field moved to its v2 place. Every element made keeps
//! the JSON pointer of the v1 element it came from, so the importer's notes point into the file
//! the user gave.

use std::collections::{HashMap, HashSet};

use crate::import::Note;

use serde_json::{Map, Value, json};

use super::collection::text;

/// A v1 collection converted: the v2.1 collection, and for each v2 pointer made, the v1
/// pointer of its source.
pub(super) struct Converted {
    pub collection: Value,
    origins: HashMap<String, String>,
    /// What the conversion itself left out.
    pub notes: Vec<Note>,
}

impl Converted {
    /// `at` (a pointer into the converted collection) as a pointer into the v1 file: the source
    /// of the innermost converted element holding it.
    pub fn origin(&self, at: &str) -> String {
        let mut holder = at;
        loop {
            if let Some(v1) = self.origins.get(holder) {
                return v1.clone();
            }
            match holder.rfind('/') {
                Some(cut) => holder = &holder[..cut],
                None => return at.to_string(),
            }
        }
    }
}

/// How deep folders nest: a v2 collection's JSON cannot nest deeper (the parser stops at 128
/// levels, two per folder), and a v1 file, whose folders are flat, should not make the walk
/// deeper than that either.
const MAX_DEPTH: usize = 60;

/// Whether `collection` is in the v1 format.
pub(super) fn is_v1(collection: &Map<String, Value>) -> bool {
    !collection.contains_key("info")
        && !collection.contains_key("item")
        && (collection.contains_key("requests") || collection.contains_key("order"))
}

pub(super) fn convert(collection: &Map<String, Value>) -> Converted {
    let mut converter = Converter {
        collection,
        origins: HashMap::new(),
        notes: Vec::new(),
        depth: 0,
        placed_folders: HashMap::new(),
        placed_requests: HashSet::new(),
        folders: index_by_id(collection.get("folders")),
        requests: index_by_id(collection.get("requests")),
    };
    let mut v2 = Map::new();
    v2.insert(
        "info".into(),
        json!({"name": text(collection.get("name")), "description": description(collection)}),
    );
    converter.origin("/info/description", "/description");
    converter.settings(collection, "", "", &mut v2);
    if let Some(Value::Array(variables)) = collection.get("variables") {
        v2.insert("variable".into(), Value::Array(variables.clone()));
        converter.origin("/variable", "/variables");
    }
    let root_folders: Vec<usize> = match collection.get("folders_order") {
        Some(Value::Array(_)) => converter.folder_indexes(collection.get("folders_order")),
        // without it, the folders no other folder holds, in file order
        _ => {
            let held: HashSet<usize> = converter
                .folder_list()
                .flat_map(|(_, folder)| converter.folder_indexes(folder.get("folders_order")))
                .collect();
            converter
                .folder_list()
                .map(|(index, _)| index)
                .filter(|index| !held.contains(index))
                .collect()
        }
    };
    let root_requests = converter.request_indexes(collection.get("order"));
    let mut items = converter.items(&root_folders, &root_requests, "/item");
    // What no list places is still the collection's: a folder at the top, a request at the end
    // of the folder it names (when that folder was placed) or else at the top.
    let unplaced_folders: Vec<usize> = converter
        .folder_list()
        .map(|(index, _)| index)
        .filter(|index| !converter.placed_folders.contains_key(index))
        .collect();
    let more = converter.items_from(&unplaced_folders, &[], "/item", items.len());
    items.extend(more);
    // (a request that is not an object is no request)
    let unplaced_requests: Vec<usize> = (0..converter.request_count())
        .filter(|index| !converter.placed_requests.contains(index))
        .filter(|&index| converter.request(index).is_some_and(|r| !r.is_empty()))
        .collect();
    for index in unplaced_requests {
        let folder = converter
            .request(index)
            .and_then(|request| request.get("folder"))
            .and_then(id)
            .and_then(|id| converter.folders.get(&id))
            .and_then(|index| converter.placed_folders.get(index))
            .cloned();
        match folder {
            Some(folder_at) => {
                let children = children_at(&mut items, &folder_at);
                let at = format!("{folder_at}/item/{}", children.len());
                children.push(converter.request_item(index, &at));
            }
            None => {
                let at = format!("/item/{}", items.len());
                let item = converter.request_item(index, &at);
                items.push(item);
            }
        }
    }
    v2.insert("item".into(), Value::Array(items));
    Converted {
        collection: Value::Object(v2),
        origins: converter.origins,
        notes: converter.notes,
    }
}

/// The item list of the folder at `at` (a pointer `/item/…/item/N` this module made).
fn children_at<'v>(items: &'v mut Vec<Value>, at: &str) -> &'v mut Vec<Value> {
    let mut list = items;
    for step in at.trim_start_matches("/item/").split("/item/") {
        let index: usize = step.parse().expect("a pointer this module made");
        list = list[index]["item"]
            .as_array_mut()
            .expect("a folder's items");
    }
    list
}

struct Converter<'a> {
    collection: &'a Map<String, Value>,
    origins: HashMap<String, String>,
    notes: Vec<Note>,
    /// How many folders hold the items being made.
    depth: usize,
    /// Each folder and request is placed once, whatever the lists say (a folder that holds
    /// itself would otherwise never end); a folder with the pointer it was placed at.
    placed_folders: HashMap<usize, String>,
    placed_requests: HashSet<usize>,
    folders: HashMap<String, usize>,
    requests: HashMap<String, usize>,
}

/// The ids an `order` or `folders_order` list gives.
fn ids(list: Option<&Value>) -> impl Iterator<Item = String> {
    list.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(id)
}

/// An id as text: a string, or a number (some files number their folders and requests).
fn id(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

/// Each object's position in a list, by its `id` (the first of a repeated id).
fn index_by_id(list: Option<&Value>) -> HashMap<String, usize> {
    let mut index = HashMap::new();
    for (position, object) in list
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        if let Some(id) = object.get("id").and_then(id) {
            index.entry(id).or_insert(position);
        }
    }
    index
}

/// A description, with `descriptionFormat: html` kept as it is (the importer notes HTML prose).
fn description(object: &Map<String, Value>) -> Value {
    object.get("description").cloned().unwrap_or(Value::Null)
}

impl<'a> Converter<'a> {
    fn origin(&mut self, v2: impl Into<String>, v1: impl Into<String>) {
        self.origins.insert(v2.into(), v1.into());
    }

    fn folder_list(&self) -> impl Iterator<Item = (usize, &'a Map<String, Value>)> + use<'a> {
        let folders: &'a Value = self.collection.get("folders").unwrap_or(&Value::Null);
        folders
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
            .filter_map(|(index, folder)| Some((index, folder.as_object()?)))
    }

    fn request_count(&self) -> usize {
        self.collection
            .get("requests")
            .and_then(Value::as_array)
            .map_or(0, Vec::len)
    }

    /// The request at `index`, if it is an object.
    fn request(&self, index: usize) -> Option<&'a Map<String, Value>> {
        let requests: &'a Value = self.collection.get("requests")?;
        requests.get(index)?.as_object()
    }

    /// The folders an id list (`folders_order`) names, by position.
    fn folder_indexes(&self, list: Option<&Value>) -> Vec<usize> {
        ids(list)
            .filter_map(|id| self.folders.get(&id).copied())
            .collect()
    }

    /// The requests an id list (`order`) names, by position.
    fn request_indexes(&self, list: Option<&Value>) -> Vec<usize> {
        ids(list)
            .filter_map(|id| self.requests.get(&id).copied())
            .collect()
    }

    /// The items of a folder (or of the collection) at `at`: its folders, then its requests.
    fn items(&mut self, folders: &[usize], requests: &[usize], at: &str) -> Vec<Value> {
        self.items_from(folders, requests, at, 0)
    }

    /// [`Self::items`] numbered from `first`, for items going after others.
    fn items_from(
        &mut self,
        folders: &[usize],
        requests: &[usize],
        at: &str,
        first: usize,
    ) -> Vec<Value> {
        let mut items = Vec::new();
        for &index in folders {
            if self.placed_folders.contains_key(&index) {
                continue;
            }
            // too deep: left for the top level, where what no list places goes
            if self.depth >= MAX_DEPTH {
                self.notes.push(Note::of_kind(
                    "ignored",
                    format!("/folders/{index}"),
                    format!("this folder is nested more than {MAX_DEPTH} deep: it is imported at the top"),
                ));
                continue;
            }
            let item_at = format!("{at}/{}", first + items.len());
            self.placed_folders.insert(index, item_at.clone());
            items.push(self.folder_item(index, &item_at));
        }
        for &index in requests {
            if self.placed_requests.contains(&index) {
                continue;
            }
            let item_at = format!("{at}/{}", first + items.len());
            items.push(self.request_item(index, &item_at));
        }
        items
    }

    fn folder_item(&mut self, index: usize, at: &str) -> Value {
        let folder = self
            .collection
            .get("folders")
            .and_then(|f| f.get(index))
            .and_then(Value::as_object)
            .expect("an index from the folders list");
        let from = format!("/folders/{index}");
        self.origin(at, &from);
        let mut item = Map::new();
        item.insert(
            "name".into(),
            folder.get("name").cloned().unwrap_or_default(),
        );
        item.insert("description".into(), description(folder));
        self.settings(folder, at, &from, &mut item);
        let subfolders = self.folder_indexes(folder.get("folders_order"));
        let requests = self.request_indexes(folder.get("order"));
        self.depth += 1;
        let children = self.items(&subfolders, &requests, &format!("{at}/item"));
        self.depth -= 1;
        item.insert("item".into(), Value::Array(children));
        Value::Object(item)
    }

    /// A collection's or folder's auth and scripts, in their v2 places.
    fn settings(
        &mut self,
        object: &Map<String, Value>,
        at: &str,
        from: &str,
        out: &mut Map<String, Value>,
    ) {
        if let Some(auth) = object.get("auth").filter(|auth| auth.is_object()) {
            out.insert("auth".into(), v2_auth(auth));
            self.origin(format!("{at}/auth"), format!("{from}/auth"));
        }
        let events = self.events(object, at, from);
        if !events.is_empty() {
            out.insert("event".into(), Value::Array(events));
        }
    }

    /// The scripts: `events` as they are, else `preRequestScript` and `tests`.
    fn events(&mut self, object: &Map<String, Value>, at: &str, from: &str) -> Vec<Value> {
        if let Some(Value::Array(events)) = object.get("events") {
            for index in 0..events.len() {
                self.origin(
                    format!("{at}/event/{index}"),
                    format!("{from}/events/{index}"),
                );
            }
            return events.clone();
        }
        let mut events = Vec::new();
        for (field, listen) in [("preRequestScript", "prerequest"), ("tests", "test")] {
            if let Some(Value::String(code)) = object.get(field) {
                self.origin(
                    format!("{at}/event/{}", events.len()),
                    format!("{from}/{field}"),
                );
                events.push(
                    json!({"listen": listen, "script": {"type": "text/javascript", "exec": code}}),
                );
            }
        }
        events
    }

    fn request_item(&mut self, index: usize, at: &str) -> Value {
        self.placed_requests.insert(index);
        // a request that is not an object is an empty one (the importer notes what it lacks)
        let empty = Map::new();
        let request = self.request(index).unwrap_or(&empty);
        let from = format!("/requests/{index}");
        self.origin(at, &from);
        let mut v2 = Map::new();
        v2.insert(
            "method".into(),
            request.get("method").cloned().unwrap_or_default(),
        );
        let (header, sources) = headers(request);
        for (position, source) in sources.iter().enumerate() {
            let source = match source {
                Some(index) => format!("{from}/headerData/{index}"),
                None => format!("{from}/headers"),
            };
            self.origin(format!("{at}/request/header/{position}"), source);
        }
        v2.insert("header".into(), Value::Array(header.clone()));
        v2.insert("url".into(), url(request));
        self.origin(format!("{at}/request/url"), format!("{from}/url"));
        if let Some(body) = self.body(request, at, &from) {
            v2.insert("body".into(), body);
        }
        let helper_auth = helper_auth(request, &header);
        if let Some(auth) = request.get("auth").filter(|auth| auth.is_object()) {
            v2.insert("auth".into(), v2_auth(auth));
            self.origin(format!("{at}/request/auth"), format!("{from}/auth"));
        } else if let Some(auth) = helper_auth {
            v2.insert("auth".into(), auth);
            self.origin(
                format!("{at}/request/auth"),
                format!("{from}/currentHelper"),
            );
        }
        // (a request without `auth` takes its folder's, as in v2: Postman 6 wrote v1 files
        // with folder and collection auth, and `auth: null` for "inherit")
        v2.insert("description".into(), description(request));
        let mut item = Map::new();
        item.insert(
            "name".into(),
            request.get("name").cloned().unwrap_or_default(),
        );
        item.insert("request".into(), Value::Object(v2));
        if let Some(behavior) = request.get("protocolProfileBehavior") {
            item.insert("protocolProfileBehavior".into(), behavior.clone());
            self.origin(
                format!("{at}/protocolProfileBehavior"),
                format!("{from}/protocolProfileBehavior"),
            );
        }
        let events = self.events(request, at, &from);
        if !events.is_empty() {
            item.insert("event".into(), Value::Array(events));
        }
        if let Some(Value::Array(responses)) = request.get("responses") {
            item.insert(
                "response".into(),
                Value::Array(responses.iter().map(response).collect()),
            );
            self.origin(format!("{at}/response"), format!("{from}/responses"));
        }
        Value::Object(item)
    }

    fn body(&mut self, request: &Map<String, Value>, at: &str, from: &str) -> Option<Value> {
        let body_at = format!("{at}/request/body");
        let fields = |mode: &str, this: &mut Self| {
            let list = request.get("data").and_then(Value::as_array);
            let mut fields = Vec::new();
            for (index, field) in list.into_iter().flatten().enumerate() {
                let Some(field) = field.as_object() else {
                    continue;
                };
                let mut v2 = field.clone();
                if field.get("enabled").and_then(Value::as_bool) == Some(false) {
                    v2.insert("disabled".into(), Value::Bool(true));
                }
                if field.get("type").and_then(Value::as_str) == Some("file") {
                    v2.insert(
                        "src".into(),
                        field.get("value").cloned().unwrap_or_default(),
                    );
                }
                this.origin(
                    format!("{body_at}/{mode}/{}", fields.len()),
                    format!("{from}/data/{index}"),
                );
                fields.push(Value::Object(v2));
            }
            Value::Array(fields)
        };
        let mode = text(request.get("dataMode"));
        let body = match mode.as_str() {
            "raw" => {
                let (field, raw) = match (request.get("rawModeData"), request.get("data")) {
                    (Some(Value::String(raw)), _) => ("rawModeData", raw.clone()),
                    (_, Some(Value::String(raw))) => ("data", raw.clone()),
                    _ => ("rawModeData", String::new()),
                };
                self.origin(format!("{body_at}/raw"), format!("{from}/{field}"));
                let mut body = json!({"mode": "raw", "raw": raw});
                if let Some(options) = request.get("dataOptions") {
                    body["options"] = options.clone();
                }
                body
            }
            "urlencoded" => json!({"mode": "urlencoded", "urlencoded": fields("urlencoded", self)}),
            "params" => {
                let parts = fields("formdata", self);
                // Postman sends no body for a form with nothing in it
                if parts.as_array().is_some_and(Vec::is_empty) {
                    return None;
                }
                json!({"mode": "formdata", "formdata": parts})
            }
            // the file's name, when the file kept one
            "binary" => {
                self.origin(format!("{body_at}/file"), format!("{from}/rawModeData"));
                match request.get("rawModeData") {
                    Some(Value::String(name)) => json!({"mode": "file", "file": {"src": name}}),
                    _ => json!({"mode": "file", "file": {}}),
                }
            }
            "graphql" => {
                let (field, graphql) = match (request.get("graphqlModeData"), request.get("data")) {
                    (Some(graphql @ Value::Object(_)), _) => ("graphqlModeData", graphql),
                    (_, Some(graphql @ Value::Object(_))) => ("data", graphql),
                    _ => ("graphqlModeData", &Value::Null),
                };
                self.origin(format!("{body_at}/graphql"), format!("{from}/{field}"));
                json!({"mode": "graphql", "graphql": graphql})
            }
            _ => return None,
        };
        self.origin(&body_at, format!("{from}/dataMode"));
        let mut body = body;
        if request.get("dataDisabled").and_then(Value::as_bool) == Some(true) {
            body["disabled"] = Value::Bool(true);
        }
        Some(body)
    }
}

/// The request's headers as v2 entries: `headerData` when the file has it (with each entry's
/// `enabled`), else the `headers` text, a `Name: value` per line, `//` before a disabled one.
/// With each entry, its position in `headerData` (`None`: from the text).
fn headers(request: &Map<String, Value>) -> (Vec<Value>, Vec<Option<usize>>) {
    if let Some(Value::Array(data)) = request.get("headerData")
        && !data.is_empty()
    {
        return data
            .iter()
            .enumerate()
            .filter_map(|(index, entry)| {
                let entry = entry.as_object()?;
                let mut v2 = entry.clone();
                if entry.get("enabled").and_then(Value::as_bool) == Some(false) {
                    v2.insert("disabled".into(), Value::Bool(true));
                }
                Some((Value::Object(v2), Some(index)))
            })
            .unzip();
    }
    let text = text(request.get("headers"));
    let entries = text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .filter_map(|line| {
            let (disabled, line) = match line.trim_start().strip_prefix("//") {
                Some(rest) => (true, rest),
                None => (false, line),
            };
            let (name, value) = line.split_once(':')?;
            Some(json!({"key": name.trim(), "value": value.trim(), "disabled": disabled}))
        })
        .collect::<Vec<_>>();
    let sources = vec![None; entries.len()];
    (entries, sources)
}

/// The URL, with the values of its `:name` path variables.
fn url(request: &Map<String, Value>) -> Value {
    let raw = text(request.get("url"));
    let variables: Vec<Value> = match (
        request.get("pathVariableData"),
        request.get("pathVariables"),
    ) {
        (Some(Value::Array(data)), _) if !data.is_empty() => data.clone(),
        (_, Some(Value::Object(values))) => values
            .iter()
            .map(|(key, value)| json!({"key": key, "value": value}))
            .collect(),
        _ => Vec::new(),
    };
    if variables.is_empty() {
        Value::String(raw)
    } else {
        json!({"raw": raw, "variable": variables})
    }
}

/// An `auth` object in v2's form: v1 files give each scheme's parameters as a map or already
/// as a list of `{key, value}`.
fn v2_auth(auth: &Value) -> Value {
    let mut v2 = auth.clone();
    let Some(kind) = auth.get("type").and_then(Value::as_str) else {
        return v2;
    };
    if let Some(Value::Object(parameters)) = auth.get(kind) {
        v2[kind] = parameters
            .iter()
            .map(|(key, value)| json!({"key": key, "value": value}))
            .collect();
    }
    v2
}

/// The auth of Postman's early auth helpers (`currentHelper`), unless the request already
/// sends the `Authorization` header the helper wrote into its headers (what Postman sent).
fn helper_auth(request: &Map<String, Value>, headers: &[Value]) -> Option<Value> {
    let helper = request.get("currentHelper").and_then(Value::as_str)?;
    // an object, or (in some files) that object written as a JSON string
    let attributes = match request.get("helperAttributes") {
        Some(Value::String(text)) => serde_json::from_str(text).unwrap_or_default(),
        Some(attributes) => attributes.clone(),
        None => Value::Null,
    };
    let writes_header = headers.iter().any(|header| {
        text(header.get("key")).eq_ignore_ascii_case("authorization")
            && header.get("disabled").and_then(Value::as_bool) != Some(true)
    });
    let kind = match helper {
        "normal" | "" => return None,
        _ if writes_header => return None,
        "basicAuth" => "basic",
        "bearerAuth" => "bearer",
        "digestAuth" => "digest",
        "oAuth1" => "oauth1",
        "oAuth2" => "oauth2",
        "hawkAuth" => "hawk",
        "awsSigV4" => "awsv4",
        "ntlmAuth" => "ntlm",
        "akamaiEdgeGrid" => "edgegrid",
        other => other,
    };
    let mut auth = json!({"type": kind});
    if let Value::Object(attributes) = attributes {
        auth[kind] = attributes
            .iter()
            .filter(|(key, _)| key.as_str() != "id" && key.as_str() != "saveToRequest")
            .map(|(key, value)| json!({"key": key, "value": value}))
            .collect();
    }
    Some(auth)
}

/// A saved response in v2's form.
fn response(response: &Value) -> Value {
    let code = response
        .get("responseCode")
        .and_then(|code| code.get("code"))
        .cloned()
        .unwrap_or_default();
    let status = response
        .get("responseCode")
        .and_then(|code| code.get("name"))
        .cloned()
        .unwrap_or_default();
    json!({
        "name": response.get("name").cloned().unwrap_or_default(),
        "code": code,
        "status": status,
        "header": response.get("headers").cloned().unwrap_or_default(),
        "body": response.get("text").cloned().unwrap_or_default(),
        "_postman_previewlanguage": response.get("language").cloned().unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::import_with_pointers;
    use super::super::test_support::{headers, valid};
    use super::MAX_DEPTH;
    use crate::import::Import;

    fn run(collection: serde_json::Value) -> (Import, Vec<String>) {
        import_with_pointers(&collection.to_string()).expect("a v1 collection")
    }

    fn paths(import: &Import) -> Vec<String> {
        import
            .items
            .iter()
            .map(|item| format!("{}/{}", item.dirs.join("/"), item.name))
            .collect()
    }

    /// Folders nest by `folders_order`, requests go where the `order` lists put them, and what
    /// no list names is kept: a folder at the top, a request in the folder it names.
    #[test]
    fn folders_and_requests_are_placed_by_their_order_lists() {
        let request = |id: &str, name: &str| json!({"id": id, "name": name, "method": "GET", "url": format!("https://e.com/{id}")});
        let (import, pointers) = run(json!({
            "id": "c", "name": "C",
            "order": ["r1", "missing", "r2"],
            "folders_order": ["f1"],
            "folders": [
                {"id": "f1", "name": "Outer", "order": ["r2"], "folders_order": ["f2", "f1"]},
                {"id": "f2", "name": "Inner", "order": ["r3", "r3"]},
                {"id": "f3", "name": "Loose", "order": ["r4"]}
            ],
            "requests": [
                request("r1", "Top"), request("r2", "In outer"), request("r3", "In inner"),
                request("r4", "In loose"),
                {"id": "r5", "name": "Named folder", "url": "https://e.com/5", "folder": "f2"},
                {"id": "r6", "name": "Nowhere", "url": "https://e.com/6"}
            ]
        }));
        assert_eq!(
            paths(&import),
            [
                "Outer/Inner/In inner",
                "Outer/Inner/Named folder",
                "Outer/In outer",
                "/Top",
                "Loose/In loose",
                "/Nowhere",
            ]
        );
        // each request once, whatever lists it twice; pointers into the v1 file
        assert_eq!(
            pointers,
            [
                "/requests/2",
                "/requests/4",
                "/requests/1",
                "/requests/0",
                "/requests/3",
                "/requests/5"
            ]
        );
    }

    /// Each field lands in its v2 place: headers (text with `//` for a disabled one, or
    /// `headerData`), path variables, every data mode, auth helpers, responses; notes point into
    /// the v1 file.
    #[test]
    fn request_fields_are_read_and_notes_point_into_the_v1_file() {
        let (import, _) = run(json!({
            "id": "c", "name": "C", "order": ["a", "b", "c", "d", "e", "f", "g", "h", "i"],
            "requests": [
                {"id": "a", "name": "Text headers", "method": "GET",
                 "url": "https://e.com/items/:id", "pathVariables": {"id": "42"},
                 "headers": "Accept: application/json\n//X-Off: 1\nHost: e.com\n",
                 "tests": "tests['ok'] = true;", "currentHelper": "normal"},
                {"id": "b", "name": "Header data", "method": "PUT", "url": "https://e.com/b",
                 "headers": "ignored: because headerData is there",
                 "headerData": [{"key": "Content-Type", "value": "application/json"},
                                {"key": "X-Off", "value": "1", "enabled": false}],
                 "dataMode": "raw", "rawModeData": "{\"a\": 1}",
                 "responses": [{"name": "ok", "responseCode": {"code": 201, "name": "Created"},
                                "headers": [{"key": "Content-Type", "value": "application/json"}],
                                "text": "{\"id\": 1}", "language": "json"}]},
                {"id": "c", "name": "Form", "method": "POST", "url": "https://e.com/c",
                 "dataMode": "urlencoded",
                 "data": [{"key": "a", "value": "1 2", "type": "text"},
                          {"key": "off", "value": "x", "type": "text", "enabled": false}],
                 "currentHelper": "basicAuth",
                 "helperAttributes": {"id": "basic", "username": "u", "password": "p", "saveToRequest": true}},
                {"id": "d", "name": "Upload", "method": "POST", "url": "https://e.com/d",
                 "dataMode": "params",
                 "data": [{"key": "doc", "value": "a.pdf", "type": "file"}, {"key": "t", "value": "hi", "type": "text"}],
                 "auth": {"type": "bearer", "bearer": {"token": "{{token}}"}}},
                {"id": "e", "name": "Helper header saved", "method": "GET", "url": "https://e.com/e",
                 "headers": "Authorization: Basic dTpw\n",
                 "currentHelper": "basicAuth", "helperAttributes": {"username": "u", "password": "p"}},
                {"id": "f", "name": "Digest", "method": "GET", "url": "https://e.com/f",
                 "currentHelper": "digestAuth", "helperAttributes": {"username": "u"}},
                {"id": "g", "name": "Binary", "method": "POST", "url": "https://e.com/g",
                 "headers": "Content-Type: application/octet-stream", "dataMode": "binary"},
                {"id": "h", "name": "Raw in data", "method": "POST", "url": "https://e.com/h",
                 "headers": "Content-Type:text/plain", "dataMode": "raw", "data": "plain text",
                 "currentHelper": "basicAuth",
                 "helperAttributes": "{\"username\": \"u2\", \"password\": \"p2\"}"},
                {"id": "i", "name": "Binary named", "method": "POST", "url": "https://e.com/i",
                 "headers": "Content-Type: application/octet-stream", "dataMode": "binary",
                 "rawModeData": "sample.txt"}
            ]
        }));
        let spec = |index: usize| {
            let spec = &import.items[index].spec;
            valid(spec);
            spec
        };
        assert_eq!(spec(0).request.url, "https://e.com/items/42");
        assert_eq!(
            headers(spec(0)),
            [("Accept".to_string(), "application/json".to_string())]
        );
        assert_eq!(
            headers(spec(1)),
            [("Content-Type".to_string(), "application/json".to_string())]
        );
        let yaml = |index: usize| crate::import::to_yaml(spec(index));
        assert!(yaml(1).contains("raw: '{\"a\": 1}'"), "{}", yaml(1));
        assert!(yaml(1).contains("status: 201 Created"), "{}", yaml(1));
        assert!(
            yaml(2).contains("urlencoded:\n    - a: 1 2\n"),
            "{}",
            yaml(2)
        );
        assert!(!yaml(2).contains("off"), "{}", yaml(2));
        assert!(yaml(2).contains("basic:\n      username: u\n      password: p"));
        assert!(yaml(3).contains("bearer: '{{token}}'"), "{}", yaml(3));
        assert!(
            yaml(3).contains("- doc:\n        file: a.pdf\n    - t: hi"),
            "{}",
            yaml(3)
        );
        // the helper wrote its header into the request: that header is what Postman sent
        assert!(!yaml(4).contains("auth:"), "{}", yaml(4));
        assert!(yaml(4).contains("Authorization: Basic dTpw"));
        // the raw body in `data`, attributes written as a JSON string, a binary body's name
        assert!(yaml(7).contains("raw: plain text"), "{}", yaml(7));
        assert!(
            yaml(7).contains("username: u2\n      password: p2"),
            "{}",
            yaml(7)
        );
        assert!(yaml(8).contains("file: sample.txt"), "{}", yaml(8));
        let at = |kind: &str| {
            import
                .notes
                .iter()
                .filter(|note| note.kind == kind)
                .map(|note| note.at.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(at("header"), ["/requests/0/headers"]);
        assert_eq!(at("ignored"), ["/requests/0/tests"]);
        assert_eq!(at("unsupported-auth"), ["/requests/5/currentHelper"]);
        assert_eq!(at("body"), ["/requests/6/rawModeData"]);
    }

    /// Ids may be numbers; folders nested past what a v2 file can hold come to the top level,
    /// noted, so that no walk goes deeper; a request's own `disableBodyPruning` is kept.
    #[test]
    fn number_ids_deep_folders_and_body_pruning() {
        let (import, _) = run(json!({
            "order": [1],
            "folders": [{"id": 3, "name": "F", "order": [2]}],
            "requests": [
                {"id": 1, "name": "A", "url": "https://e.com/a"},
                {"id": 2, "name": "B", "method": "GET", "url": "https://e.com/b",
                 "headers": "Content-Type: application/json", "dataMode": "raw",
                 "rawModeData": "{}", "protocolProfileBehavior": {"disableBodyPruning": true}}
            ]
        }));
        assert_eq!(paths(&import), ["F/B", "/A"]);
        assert_eq!(
            import.items[0].spec.request.body.as_ref().unwrap().raw(),
            Some("{}")
        );

        let depth = MAX_DEPTH + 5;
        let folders: Vec<_> = (0..depth)
            .map(|i| json!({"id": format!("f{i}"), "name": format!("d{i}"), "folders_order": [format!("f{}", i + 1)], "order": if i + 1 == depth { json!(["r"]) } else { json!([]) }}))
            .collect();
        let (import, _) = run(json!({
            "folders_order": ["f0"], "folders": folders,
            "requests": [{"id": "r", "name": "R", "url": "https://e.com/r"}]
        }));
        assert_eq!(import.items.len(), 1);
        // the request's folder came to the top, four below the one cut off
        assert_eq!(import.items[0].dirs.len(), 5);
        assert_eq!(import.items[0].dirs[0], format!("d{MAX_DEPTH}"));
        assert!(
            import
                .notes
                .iter()
                .any(|note| note.at == format!("/folders/{MAX_DEPTH}")),
            "{:?}",
            import.notes
        );
    }

    /// A folder that holds itself, and ids that name nothing, end.
    #[test]
    fn cycles_and_dangling_ids_end() {
        let (import, _) = run(json!({
            "id": "c", "name": "C", "order": [],
            "folders": [{"id": "f", "name": "F", "folders_order": ["f", "g"], "order": ["r", "nothing"]},
                        {"id": "g", "name": "G", "folders_order": ["f"], "order": []}],
            "requests": [{"id": "r", "name": "R", "url": "https://e.com/"}, "not an object"]
        }));
        assert_eq!(paths(&import), ["F/R"]);
    }
}
