// The reader embed: `<script async src="https://parley.example/embed.js">` defines
// <parley-comments>, which renders the comment section wherever the page puts the element.
import './parley-comments';
